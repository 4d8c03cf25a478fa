<#--
  Last page of the helpdesk verification: the code, shown once, for the caller to read to the agent.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false displayInfo=false; section>
    <#if section = "header">
        ${msg("dfgHelpdeskCodeTitle")}
    <#elseif section = "form">
        <p id="dfg-helpdesk-code-intro">${msg("dfgHelpdeskCodeIntro")}</p>
        <p id="dfg-helpdesk-code" class="dfg-helpdesk-code" aria-label="${msg("dfgHelpdeskCodeLabel")}"><strong>${dfgHelpdeskCode}</strong></p>
        <p id="dfg-helpdesk-code-warning">${msg("dfgHelpdeskCodeWarning")}</p>
    </#if>
</@layout.registrationLayout>

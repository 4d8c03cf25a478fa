<#--
  First page of the helpdesk verification, reached only through the link in the e-mail: who asked and why, then
  start the check or report the request. Values are HTML-escaped by the output format.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true displayInfo=false; section>
    <#if section = "header">
        ${msg("dfgHelpdeskIntroTitle")}
    <#elseif section = "form">
        <p id="dfg-helpdesk-who">${msg("dfgHelpdeskIntroWho", dfgHelpdeskAgent, dfgHelpdeskTicket)}</p>
        <p id="dfg-helpdesk-why">${msg("dfgHelpdeskIntroWhy")}</p>
        <p id="dfg-helpdesk-warning"><strong>${msg("dfgHelpdeskIntroWarning")}</strong></p>
        <form id="dfg-helpdesk-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <button type="submit" id="dfg-helpdesk-continue" name="decision" value="continue"
                        class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("dfgHelpdeskContinue")}
                </button>
                <button type="submit" id="dfg-helpdesk-report" name="decision" value="report"
                        class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">
                    ${msg("dfgHelpdeskReport")}
                </button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>

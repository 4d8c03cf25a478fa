<#--
  Deepfake Guard: enrol a face reference. Nothing is captured on this page: the template comes from the liveness
  check the person has just passed. Explicit consent (GDPR Art. 9) is a separate checkbox; declining stores nothing.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true displayInfo=false; section>
    <#if section = "header">
        ${msg("dfgEnrolTitle")}
    <#elseif section = "form">
        <section id="dfg-enrol-disclosure" class="dfg-disclosure" aria-labelledby="dfg-enrol-disclosure-title">
            <h2 id="dfg-enrol-disclosure-title" class="dfg-disclosure-title">${msg("dfgEnrolDisclosureTitle")}</h2>
            <ul class="dfg-disclosure-list">
                <li>${msg("dfgEnrolWhat")}</li>
                <li>${msg("dfgEnrolWhy")}</li>
                <li>${msg("dfgEnrolKept")}</li>
                <li>${msg("dfgEnrolRemove")}</li>
                <#if dfgEnrolAfterHelpdesk??>
                    <li id="dfg-enrol-helpdesk">${msg("dfgEnrolHelpdeskWhen")}</li>
                </#if>
            </ul>
        </section>
        <form id="dfg-enrol-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcCheckboxClass!}">
                    <input type="checkbox" id="dfg-enrol-consent" name="dfg_consent" value="yes"
                           class="${properties.kcCheckboxInputClass!}"
                           aria-describedby="dfg-enrol-disclosure-title">
                    <label for="dfg-enrol-consent" class="${properties.kcCheckboxLabelClass!}">${msg("dfgEnrolConsentLabel")}</label>
                </div>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <button type="submit" id="dfg-enrol" name="dfg_action" value="enrol"
                        class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("dfgEnrolSubmit")}</button>
                <button type="submit" id="dfg-enrol-decline" name="dfg_action" value="decline"
                        class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("dfgEnrolDecline")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>

<#--
  Deepfake Guard liveness page. Contract with the authenticator: docs/liveness-page-protocol.md.
  Keycloak renders themes with FreeMarker's HTML output format, so every ${...} below is HTML-escaped
  automatically (attribute values included, e.g. the JSON in data-colours); ?html must not be used on top.
  Numbers are printed with ?c so that no locale grouping ("40,000") reaches the script or the server.
-->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true displayInfo=false; section>
    <#if section = "header">
        ${msg("dfgLivenessTitle")}
    <#elseif section = "form">
        <#assign analysedBy = (dfg.analysedBy?has_content)?then(dfg.analysedBy, msg("dfgAnalysedByDefault"))>
        <div id="dfg-root" class="dfg-root"
             data-challenge-id="${dfg.challengeId}"
             data-nonce="${dfg.nonce}"
             data-colours="${dfg.coloursJson}"
             data-poses="${dfg.posesJson}"
             data-step-ms="${dfg.stepMillis?c}"
             data-frame-width="${dfg.frameWidth?c}"
             data-frame-height="${dfg.frameHeight?c}"
             data-max-frame-bytes="${dfg.maxFrameBytes?c}"
             data-expires-in-seconds="${dfg.expiresInSeconds?c}">

            <p id="dfg-intro" class="dfg-intro">${msg("dfgLivenessIntro")}</p>
            <p id="dfg-attempt" class="dfg-attempt">${msg("dfgAttempt", dfg.attempt?c, dfg.maxAttempts?c)}</p>

            <section id="dfg-disclosure" class="dfg-disclosure" aria-labelledby="dfg-disclosure-title">
                <h2 id="dfg-disclosure-title" class="dfg-disclosure-title">${msg("dfgDisclosureTitle")}</h2>
                <ul class="dfg-disclosure-list">
                    <li>${msg("dfgDisclosureWhat")}</li>
                    <li>${msg("dfgDisclosureWho", analysedBy)}</li>
                    <#if dfg.retainsMedia>
                        <li>${msg("dfgDisclosureKeptMedia")}</li>
                    <#else>
                        <li>${msg("dfgDisclosureKept")}</li>
                        <li>${msg("dfgDisclosureHowLong")}</li>
                    </#if>
                    <li>${msg("dfgDisclosureMatch")}</li>
                </ul>
                <p id="dfg-flashing" class="dfg-flashing">${msg("dfgDisclosureFlashing")}</p>
                <p class="dfg-choice">${msg("dfgDisclosureChoice")}</p>
            </section>

            <form id="dfg-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <#-- Any submission not made by the capture script asks for the alternative path. -->
                <input type="hidden" id="dfg-action" name="dfg_action" value="no_camera">
                <input type="hidden" id="dfg-challenge-id" name="dfg_challenge_id" value="${dfg.challengeId}">
                <input type="hidden" id="dfg-nonce" name="dfg_nonce" value="${dfg.nonce}">
                <input type="hidden" id="dfg-frame-times" name="dfg_frame_times" value="">
                <input type="hidden" id="dfg-device-label" name="dfg_device_label" value="">
                <div id="dfg-frames"></div>

                <div class="${properties.kcFormGroupClass!}">
                    <div class="${properties.kcCheckboxClass!}">
                        <input type="checkbox" id="dfg-consent" name="dfg_consent" value="yes"
                               class="${properties.kcCheckboxInputClass!}"
                               aria-describedby="dfg-disclosure-title">
                        <label for="dfg-consent" class="${properties.kcCheckboxLabelClass!}">${msg("dfgConsentLabel")}</label>
                    </div>
                </div>

                <div id="dfg-error" class="dfg-error" role="alert" tabindex="-1"></div>

                <div id="dfg-capture" class="dfg-capture">
                    <div class="dfg-preview">
                        <video id="dfg-video" class="dfg-video" muted playsinline aria-hidden="true"></video>
                        <#-- The guide oval: the scorer wants exactly this face, centred and this large. -->
                        <div class="dfg-oval" aria-hidden="true"></div>
                    </div>
                    <div class="dfg-capture-text">
                        <#-- Head-turn prompts: text for everyone and screen readers, an arrow for the eye. -->
                        <p id="dfg-prompt" class="dfg-prompt" aria-live="assertive" aria-atomic="true">
                            <svg id="dfg-prompt-arrow" class="dfg-prompt-arrow" viewBox="0 0 24 24" width="32" height="32"
                                 aria-hidden="true" focusable="false" hidden>
                                <path d="M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z"/>
                            </svg>
                            <span id="dfg-prompt-text"></span>
                        </p>
                        <progress id="dfg-progress" class="dfg-progress" max="1" value="0"></progress>
                        <p id="dfg-countdown" class="dfg-countdown" aria-hidden="true"></p>
                        <p id="dfg-status" class="dfg-status" role="status" aria-live="polite"></p>
                        <button type="button" id="dfg-cancel" class="${properties.kcButtonSecondaryClass!} dfg-cancel" hidden>
                            ${msg("dfgCancel")}
                        </button>
                    </div>
                </div>

                <div class="${properties.kcFormGroupClass!} dfg-actions">
                    <button type="button" id="dfg-start"
                            class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("dfgStart")}
                    </button>
                    <button type="submit" id="dfg-no-camera"
                            class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("dfgNoCamera")}
                    </button>
                </div>
            </form>

            <div id="dfg-overlay" class="dfg-overlay" aria-hidden="true" hidden></div>

            <#-- Texts for the script; placeholders {0} and {1} are filled in by the script. -->
            <div id="dfg-messages" hidden
                 data-preparing="${msg("dfgPreparing")}"
                 data-get-ready="${msg("dfgGetReady")}"
                 data-step-progress="${msg("dfgStepProgress", "{0}", "{1}")}"
                 data-keep-looking="${msg("dfgKeepLooking")}"
                 data-turn-left="${msg("dfgTurnLeft")}"
                 data-turn-right="${msg("dfgTurnRight")}"
                 data-look-back="${msg("dfgLookBack")}"
                 data-oval-hint="${msg("dfgOvalHint")}"
                 data-seconds-left="${msg("dfgSecondsLeft", "{0}")}"
                 data-submitting="${msg("dfgSubmitting")}"
                 data-cancelled="${msg("dfgCancelled")}"
                 data-interrupted="${msg("dfgInterrupted")}"
                 data-consent-required="${msg("dfgConsentRequired")}"
                 data-camera-denied="${msg("dfgCameraDenied")}"
                 data-camera-missing="${msg("dfgCameraMissing")}"
                 data-camera-unsupported="${msg("dfgCameraUnsupported")}"
                 data-camera-error="${msg("dfgCameraError")}"></div>
        </div>
        <script src="${url.resourcesPath}/js/deepfake-guard-liveness.js" defer></script>
    </#if>
</@layout.registrationLayout>

package dev.deepfakeguard.keycloak.helpdesk.caller;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.Constants;

/** The caller's end pages; none of them offers a way back into the flow. */
final class CallerPages {

    static final String ENDED = "dfgHelpdeskEnded";
    static final String REPORTED = "dfgHelpdeskReported";
    static final String CODE_TEMPLATE = "deepfake-guard-helpdesk-code.ftl";
    /** The face enrolment page of the required action, with the helpdesk's own line on when it is stored. */
    static final String ENROL_TEMPLATE = "deepfake-guard-enrol-face.ftl";

    private CallerPages() {
    }

    static Response ended(AuthenticationFlowContext context) {
        return context.form().setError(ENDED).createErrorPage(Response.Status.BAD_REQUEST);
    }

    static Response reported(AuthenticationFlowContext context) {
        return context.form().setInfo(REPORTED).setAttribute(Constants.SKIP_LINK, true).createInfoPage();
    }

    static Response enrol(AuthenticationFlowContext context, String error) {
        var form = context.form().setAttribute("dfgEnrolAfterHelpdesk", true);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(ENROL_TEMPLATE);
    }

    static Response code(AuthenticationFlowContext context, String code) {
        return context.form().setAttribute("dfgHelpdeskCode", code.substring(0, 3) + " " + code.substring(3))
                .createForm(CODE_TEMPLATE);
    }
}

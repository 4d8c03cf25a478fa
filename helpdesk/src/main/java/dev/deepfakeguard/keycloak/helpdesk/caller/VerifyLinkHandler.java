package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.time.Clock;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.TokenVerifier;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.actiontoken.AbstractActionTokenHandler;
import org.keycloak.authentication.actiontoken.ActionTokenContext;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.sessions.AuthenticationSessionModel;

import dev.deepfakeguard.keycloak.helpdesk.CallerTransitions;
import dev.deepfakeguard.keycloak.helpdesk.HelpdeskNames;

/**
 * Opens the caller's link: moves the request from "requested" to "link opened" (once; Keycloak also keeps the token
 * from being used twice) and runs the caller's flow, whose pages say who asked and why, then run the liveness check.
 * The flow is the caller client's browser flow, so every later form post continues the same flow.
 */
public final class VerifyLinkHandler extends AbstractActionTokenHandler<VerifyLinkToken> {

    static final String LINK_INVALID = "dfgHelpdeskLinkInvalid";
    private static final Logger LOG = Logger.getLogger(VerifyLinkHandler.class);

    public VerifyLinkHandler() {
        super(VerifyLinkToken.TOKEN_TYPE, VerifyLinkToken.class, LINK_INVALID, EventType.EXECUTE_ACTION_TOKEN,
                Errors.INVALID_TOKEN);
    }

    @Override
    @SuppressWarnings("unchecked")
    public TokenVerifier.Predicate<? super VerifyLinkToken>[] getVerifiers(
            ActionTokenContext<VerifyLinkToken> tokenContext) {
        // The address the link went to must still be the user's: a changed e-mail invalidates the link.
        return new TokenVerifier.Predicate[]{verifyEmail(tokenContext)};
    }

    @Override
    public Response handleToken(VerifyLinkToken token, ActionTokenContext<VerifyLinkToken> tokenContext) {
        KeycloakSession session = tokenContext.getSession();
        RealmModel realm = tokenContext.getRealm();
        AuthenticationSessionModel authSession = tokenContext.getAuthenticationSession();
        UserModel user = session.users().getUserById(realm, token.getUserId());
        AuthenticationFlowModel flow = realm.getFlowByAlias(HelpdeskNames.CALLER_FLOW);
        if (flow == null || !HelpdeskNames.CALLER_CLIENT.equals(authSession.getClient().getClientId())) {
            LOG.errorf("Helpdesk link in realm %s cannot run: the flow '%s' or the client '%s' is missing",
                    realm.getName(), HelpdeskNames.CALLER_FLOW, HelpdeskNames.CALLER_CLIENT);
            tokenContext.getEvent().error(Errors.NOT_ALLOWED);
            return ErrorPage.error(session, authSession, Response.Status.BAD_REQUEST, LINK_INVALID);
        }
        if (user == null || !new CallerTransitions(session, realm, Clock.systemUTC())
                .openLink(token.getRequestId(), user.getId())) {
            LOG.infof("Helpdesk link for request %s in realm %s refused: used, expired, ended or not this user's",
                    token.getRequestId(), realm.getName());
            tokenContext.getEvent().error(Errors.EXPIRED_CODE);
            return ErrorPage.error(session, authSession, Response.Status.BAD_REQUEST, LINK_INVALID);
        }
        authSession.setAuthNote(CallerNotes.REQUEST_ID, token.getRequestId());
        authSession.setAuthenticatedUser(user);
        tokenContext.getEvent().user(user).success();
        return tokenContext.processFlow(false, LoginActionsService.AUTHENTICATE_PATH, flow, null,
                new AuthenticationProcessor());
    }

    @Override
    public boolean canUseTokenRepeatedly(VerifyLinkToken token, ActionTokenContext<VerifyLinkToken> tokenContext) {
        return false;
    }
}

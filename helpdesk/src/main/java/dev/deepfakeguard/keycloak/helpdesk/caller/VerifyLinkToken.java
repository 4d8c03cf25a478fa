package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.keycloak.authentication.actiontoken.DefaultActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.models.UserModel;

import dev.deepfakeguard.keycloak.helpdesk.HelpdeskNames;

/**
 * The caller's link: an action token for one user, one e-mail address and one helpdesk request, issued for the caller
 * client (so the session it starts runs the caller's flow), short-lived, used once.
 */
public final class VerifyLinkToken extends DefaultActionToken {

    public static final String TOKEN_TYPE = "dfg-helpdesk-verify";
    private static final String JSON_REQUEST_ID = "dfg_rid";

    @JsonProperty(JSON_REQUEST_ID)
    private String requestId;

    private VerifyLinkToken(String userId, int absoluteExpiry, String requestId) {
        super(userId, TOKEN_TYPE, absoluteExpiry, UUID.randomUUID());
        this.requestId = requestId;
    }

    /** For the token parser only. */
    public VerifyLinkToken() {
    }

    public static VerifyLinkToken issue(UserModel user, String requestId, Duration ttl) {
        VerifyLinkToken token = new VerifyLinkToken(user.getId(), Time.currentTime() + (int) ttl.toSeconds(),
                requestId);
        token.setEmail(user.getEmail());
        token.issuedFor(HelpdeskNames.CALLER_CLIENT);
        return token;
    }

    public String getRequestId() {
        return requestId;
    }
}

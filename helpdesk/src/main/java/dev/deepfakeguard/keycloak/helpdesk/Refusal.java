package dev.deepfakeguard.keycloak.helpdesk;

import java.util.Locale;

/**
 * Why the helpdesk API refused an agent's request: the {@code error} the agent sees (no internals, no hint about
 * users the agent may not see) and the HTTP status.
 */
public enum Refusal {
    NOT_FOUND(404),
    FORBIDDEN(403),
    INVALID_INPUT(400),
    USER_HAS_OPEN_REQUEST(429),
    USER_DAILY_LIMIT(429),
    AGENT_HOURLY_LIMIT(429),
    NO_CHANNEL(409),
    CONTACT_CHANGED_RECENTLY(409),
    WRONG_STATE(409),
    WRONG_CODE(409),
    APPROVAL_REQUIRED(409),
    OWN_REQUEST(403),
    DELIVERY_FAILED(502);

    private final int status;

    Refusal(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String error() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.deepfakeguard.keycloak.events.lockout.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;

/**
 * The body of a lock alert, as the webhook receives it and the e-mail describes it. Times are epoch seconds;
 * {@code lockedUntil} is null for a permanent lock. The user's id and username are included (the receiver is the
 * realm's own security team); the source address only for source locks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LockAlert(String type, String realm, String subjectKind, String userId, String username,
                        String source, String level, String reason, int failures, long lockedAt, Long lockedUntil,
                        String eventId) {

    public static final String TYPE = "deepfake-guard.lockout";
    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LockAlert fromJson(String json) {
        try {
            return JSON.readValue(json, LockAlert.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

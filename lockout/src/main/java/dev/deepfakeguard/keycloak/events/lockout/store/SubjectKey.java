package dev.deepfakeguard.keycloak.events.lockout.store;

import java.util.Objects;

/**
 * A user id or source address within a realm, and the primary key of its {@link SubjectEntity}.
 *
 * @param realmId realm id
 * @param kind    user or source
 * @param subject user id, or the source address as Keycloak reports it
 */
public record SubjectKey(String realmId, SubjectKind kind, String subject) {

    private static final int MAX_SUBJECT_LENGTH = 200;

    public SubjectKey {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(kind, "kind");
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException("subject must be 1-" + MAX_SUBJECT_LENGTH + " characters");
        }
    }

    public static SubjectKey user(String realmId, String userId) {
        return new SubjectKey(realmId, SubjectKind.USER, userId);
    }

    public static SubjectKey source(String realmId, String address) {
        return new SubjectKey(realmId, SubjectKind.SOURCE, address);
    }

    public String id() {
        return realmId + "|" + kind.value() + "|" + subject;
    }
}

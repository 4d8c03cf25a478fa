package dev.deepfakeguard.keycloak.events.lockout.store;

import java.util.Locale;
import java.util.Optional;

/** What a lock applies to. */
public enum SubjectKind {
    USER,
    SOURCE;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SubjectKind> fromValue(String value) {
        for (SubjectKind kind : values()) {
            if (kind.value().equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}

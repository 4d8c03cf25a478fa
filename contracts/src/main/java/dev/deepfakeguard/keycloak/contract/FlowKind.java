package dev.deepfakeguard.keycloak.contract;

import java.util.Locale;
import java.util.Optional;

/** The kind of flow a liveness step guards; each has its own default thresholds. */
public enum FlowKind {
    LOGIN,
    PASSWORD_RESET,
    ADMIN;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FlowKind> fromValue(String value) {
        for (FlowKind kind : values()) {
            if (kind.value().equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}

package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import org.keycloak.events.Event;

import java.util.Objects;
import java.util.Optional;

/**
 * One failure to count, with what its lock event and alert need: who (the user, the source or both), which error,
 * when it happened, and the Keycloak event that reported it (a copy: Keycloak's own instance is not ours to keep).
 *
 * @param realmId    realm of the event
 * @param user       the user's subject, if the event names one
 * @param source     the source's subject, if source locks are on and the event has an address
 * @param error      the event's error, or {@code step_up_failed}
 * @param occurredAt epoch millis of the event
 * @param cause      a copy of the event
 */
record LockoutFailure(String realmId, Optional<SubjectKey> user, Optional<SubjectKey> source, String error,
                      long occurredAt, Event cause) {

    LockoutFailure {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(error, "error");
        if (user.isEmpty() && source.isEmpty()) {
            throw new IllegalArgumentException("a failure counts for a user, a source or both");
        }
        cause = cause.clone();
    }

    @Override
    public Event cause() {
        return cause.clone();
    }

    /** For log lines: ids only, no addresses of users. */
    String describe() {
        return "event " + cause.getId() + " (" + error + ", user " + user.map(SubjectKey::subject).orElse("-")
                + ", realm " + realmId + ")";
    }
}

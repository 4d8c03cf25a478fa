package dev.deepfakeguard.keycloak.it.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/** A realm an IT created; closing it deletes the realm so that runs against an external server stay clean. */
public final class ManagedRealm implements AutoCloseable {

    /** Keycloak stores an event when the request's transaction ends; room for a loaded 2-core machine. */
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    private final AdminClient admin;
    private final String name;

    ManagedRealm(AdminClient admin, String name) {
        this.admin = admin;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public AdminClient admin() {
        return admin;
    }

    public List<JsonNode> events(String type) {
        return admin.events(name, type);
    }

    /**
     * Waits (bounded) for the newest event of {@code type} that matches, e.g. the one of a given user.
     *
     * @throws AssertionError listing the events seen when none matched in time
     */
    public JsonNode awaitEvent(String type, Predicate<JsonNode> matching) {
        Optional<JsonNode> found = Poll.until(EVENT_TIMEOUT,
                () -> events(type).stream().filter(matching).findFirst());
        return found.orElseThrow(() -> new AssertionError("no matching " + type + " event in realm " + name
                + " within " + EVENT_TIMEOUT.toSeconds() + " s; seen: " + events(type) + admin.server().logHint()));
    }

    /** Number of stored events of {@code type} matching; for "nothing more happened" assertions. */
    public long countEvents(String type, Predicate<JsonNode> matching) {
        return events(type).stream().filter(matching).count();
    }

    @Override
    public void close() {
        admin.deleteRealm(name);
    }
}

package dev.deepfakeguard.keycloak.events.lockout;

/**
 * What an event means to the lockout: a failure to count (with its error) or a success that resets.
 *
 * @param kind  failure or success
 * @param error the event's error for a failure, empty for a success
 */
record Signal(Kind kind, String error) {

    enum Kind { FAILURE, SUCCESS }

    static Signal failure(String error) {
        return new Signal(Kind.FAILURE, error);
    }

    static Signal success() {
        return new Signal(Kind.SUCCESS, "");
    }
}

package dev.deepfakeguard.keycloak.liveness;

import java.security.SecureRandom;
import java.time.Clock;

import dev.deepfakeguard.keycloak.challenge.ChallengeIssuer;
import dev.deepfakeguard.keycloak.metrics.LivenessMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Liveness steps for unit tests: the real step on the system clock, its own meters, and no lock on anyone. */
final class LivenessSteps {

    private LivenessSteps() {
    }

    static LivenessAuthenticator nobodyLocked() {
        Clock clock = Clock.systemUTC();
        LivenessMeters meters = new LivenessMeters(new SimpleMeterRegistry());
        return new LivenessAuthenticator(new ChallengeIssuer(new SecureRandom(), clock),
                new LivenessScoring(clock, meters), (session, realm, user, source) -> false, clock, meters);
    }
}

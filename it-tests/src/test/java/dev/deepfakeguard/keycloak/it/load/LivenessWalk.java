package dev.deepfakeguard.keycloak.it.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LoginPage;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RelyingParty;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * The guarded sign-in: password, the liveness page, a submission of frames that follow its challenge, then the
 * token request. The frames are drawn between the timed steps, so the client's own work is in no step's time.
 */
final class LivenessWalk implements SignInWalk {

    /** Frames never repeat: the replay check would refuse a second submission of the same bytes. */
    private static final AtomicLong SEEDS = new AtomicLong(7_000_000);

    private final KeycloakServer server;
    private final String realm;
    private final boolean paced;

    /**
     * @param paced post no earlier than the colour script could have played, as a camera would; the embedded
     *              scorer flags an earlier post as injected media. Unpaced posts measure the server alone.
     */
    LivenessWalk(KeycloakServer server, String realm, boolean paced) {
        this.server = server;
        this.realm = realm;
        this.paced = paced;
    }

    @Override
    public List<String> steps() {
        return List.of("authorize", "password", "liveness", "token");
    }

    @Override
    public boolean signIn(int client, StepTimes times) {
        RelyingParty app = RelyingParty.demoApp(server, realm);
        LoginPage form = times.time("authorize", app::login);
        LivenessPage liveness = times.time("password",
                () -> form.login(SignInWalk.user(client), LoadRealms.PASSWORD).asLiveness());
        long shown = System.nanoTime();
        Submission submission = Submission.of(liveness,
                SyntheticFrames.following(liveness.challenge(), SEEDS.incrementAndGet()));
        if (paced) {
            Duration remaining = liveness.scriptDuration().minusNanos(System.nanoTime() - shown);
            if (!remaining.isNegative()) {
                Poll.pause(remaining); // the person in front of the camera, not an asynchronous wait
            }
        }
        Page result = times.time("liveness", () -> liveness.submitNow(submission).page());
        if (!app.isCodeRedirect(result)) {
            throw new AssertionError("no code redirect: " + result.describe());
        }
        times.time("token", () -> app.redeem(result));
        return true;
    }
}

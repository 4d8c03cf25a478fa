package dev.deepfakeguard.keycloak.it.support;

import dev.deepfakeguard.keycloak.face.match.onnx.SamplePhotos;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;

/**
 * What every face story needs: two people from the sample photos (the account owner and a stranger), the owner's
 * one-time-code app, and a stand-in HTTP scorer that answers "live" — a photo cannot follow the head-turn prompts,
 * so liveness comes from the stand-in while Keycloak's own matcher compares the faces.
 */
public final class FaceFixture implements AutoCloseable {

    /** Generous: the stand-in answers at once, but frames of a few hundred KiB go out on a loaded machine. */
    private static final int SCORER_TIMEOUT_MILLIS = 20_000;

    private final ScorerStandIn scorer = new ScorerStandIn().live();
    private final OtpDevice phone;
    private final SamplePhotos.Person owner;
    private final SamplePhotos.Person stranger;

    public FaceFixture(String otpSecret) {
        phone = new OtpDevice(otpSecret, RealmBuilder.OTP_LOOK_AHEAD);
        FacePhotos photos = FacePhotos.load();
        owner = photos.person(0);
        stranger = photos.person(1);
    }

    public SamplePhotos.Person owner() {
        return owner;
    }

    public SamplePhotos.Person stranger() {
        return stranger;
    }

    public OtpDevice phone() {
        return phone;
    }

    /** A realm whose user holds {@link #phone()}, with the liveness step scored by the stand-in. */
    public RealmBuilder realm(String prefix) {
        return RealmBuilder.named(prefix).otp(phone)
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness(HttpScorerConfig.URL, scorer.url())
                .liveness(HttpScorerConfig.CONNECT_TIMEOUT_MILLIS, SCORER_TIMEOUT_MILLIS)
                .liveness(HttpScorerConfig.CALL_TIMEOUT_MILLIS, SCORER_TIMEOUT_MILLIS)
                .liveness(HttpScorerConfig.READ_TIMEOUT_MILLIS, SCORER_TIMEOUT_MILLIS);
    }

    /** The stand-in's URL, for realms built elsewhere (the example realms). */
    public String scorerUrl() {
        return scorer.url();
    }

    public FaceSignIn signIn(KeycloakServer server, ManagedRealm realm) {
        return new FaceSignIn(server, realm.name(), phone);
    }

    @Override
    public void close() {
        scorer.close();
    }
}

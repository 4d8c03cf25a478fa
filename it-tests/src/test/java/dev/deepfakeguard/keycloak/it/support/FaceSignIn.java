package dev.deepfakeguard.keycloak.it.support;

import dev.deepfakeguard.keycloak.face.match.onnx.SamplePhotos;

/**
 * Sign-ins of the test user through a {@link FaceRealm} flow: password, the one-time code, then the liveness page,
 * answered with captures of a person from the sample photos.
 */
public final class FaceSignIn {

    private final KeycloakServer server;
    private final String realm;
    private final OtpDevice phone;

    public FaceSignIn(KeycloakServer server, String realm, OtpDevice phone) {
        this.server = server;
        this.realm = realm;
        this.phone = phone;
    }

    /** Password and one-time code; the liveness page that follows. */
    public LivenessPage toLiveness() {
        NextStep afterPassword = new LoginDriver(server, realm).open()
                .login(RealmBuilder.USERNAME, RealmBuilder.PASSWORD);
        return OtpPage.expect(afterPassword).enter(phone.nextCode()).asLiveness();
    }

    /** A whole sign-in up to the page after the liveness check, which {@code face} answers. */
    public NextStep showing(SamplePhotos.Person face, long seed) {
        return submit(toLiveness(), face, seed);
    }

    public static NextStep submit(LivenessPage liveness, SamplePhotos.Person face, long seed) {
        return liveness.submit(Submission.of(liveness, FacePhotos.frames(face, liveness.challenge(), seed)));
    }

    /** Signs in showing {@code face} and consents to the enrolment offered after the check. */
    public Page enrol(SamplePhotos.Person face, long seed) {
        return EnrolFacePage.expect(showing(face, seed)).consentAndEnrol().page();
    }
}

package dev.deepfakeguard.keycloak.face.reference;

import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * The template of the live face of a liveness check that passed in this sign-in, kept in the authentication session
 * (server side, gone when the sign-in ends) so that an enrolment uses the frames of that same check and no second
 * capture a forger could swap in. Written only for an ALLOW; read and removed by the enrolment.
 */
public final class EnrolmentEvidence {

    static final String VECTOR = "dfg.face.enrol.vector";
    static final String MODEL = "dfg.face.enrol.model";
    static final String DIGEST = "dfg.face.enrol.digest";
    /**
     * Set by a step before the liveness check of a flow that offers an enrolment itself (the helpdesk caller's flow):
     * the check then keeps the live template for an account without a reference too, not only for one with the
     * enrolment action pending.
     */
    static final String OFFERED = "dfg.face.enrol.offered";

    private EnrolmentEvidence() {
    }

    public static void keep(AuthenticationSessionModel authSession, FaceTemplate template) {
        authSession.setAuthNote(VECTOR, template.encodedVector());
        authSession.setAuthNote(MODEL, template.modelId());
        authSession.setAuthNote(DIGEST, template.modelDigest());
    }

    /** This flow offers an enrolment after its liveness check: keep the live face's template on an ALLOW. */
    public static void offer(AuthenticationSessionModel authSession) {
        authSession.setAuthNote(OFFERED, "true");
    }

    public static boolean offered(AuthenticationSessionModel authSession) {
        return "true".equals(authSession.getAuthNote(OFFERED));
    }

    public static void discard(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(VECTOR);
        authSession.removeAuthNote(MODEL);
        authSession.removeAuthNote(DIGEST);
    }

    /** The kept template; empty when none was kept or the notes are damaged. */
    public static Optional<FaceTemplate> read(AuthenticationSessionModel authSession) {
        String vector = authSession.getAuthNote(VECTOR);
        if (vector == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(FaceTemplate.decode(vector, authSession.getAuthNote(MODEL),
                    authSession.getAuthNote(DIGEST)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

package dev.deepfakeguard.keycloak.face.reference;

import dev.deepfakeguard.keycloak.face.match.FaceMatcher;
import dev.deepfakeguard.keycloak.face.match.Probe;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Optional;

/**
 * Compares the face of a liveness check with the account's face reference and applies the flow's
 * {@link FaceMatchPolicy}. Runs only after the liveness check itself did not deny. Every fault ends in the policy's
 * {@code unavailable} decision or in a mismatch, never in an allow the policy did not grant.
 */
public final class FaceMatching {

    private static final Logger LOG = Logger.getLogger(FaceMatching.class);

    private FaceMatching() {
    }

    public static FaceMatchOutcome match(KeycloakSession session, RealmModel realm, UserModel user,
                                         FaceMatchConfig config, List<CapturedFrame> frames, int width, int height) {
        FaceMatchPolicy policy = config.policy();
        FaceMatcher matcher = matcher(session, config.matcherId());
        Optional<String> digest = matcher == null ? Optional.empty() : matcher.modelDigest();
        boolean exists = FaceReferences.exists(user);
        if (digest.isEmpty()) {
            if (exists) {
                LOG.warnf("Deepfake Guard face matcher '%s' is unavailable; user %s in realm %s has a face reference "
                        + "and gets the flow's fallback", config.matcherId(), user.getId(), realm.getName());
                return FaceMatchOutcome.unavailable(policy);
            }
            // A server that cannot match anyone leaves accounts without a reference to the liveness check alone.
            return matcher != null && matcher.isConfigured()
                    ? FaceMatchOutcome.noReference(policy, Optional.empty()) : FaceMatchOutcome.notMatched();
        }
        FaceReferences.Lookup lookup = FaceReferences.lookup(user, digest.get());
        if (lookup instanceof FaceReferences.Lookup.Usable usable) {
            Probe probe = matcher.probe(frames, width, height);
            if (probe instanceof Probe.Template live) {
                return FaceMatchOutcome.compared(policy,
                        Math.max(0, usable.template().similarityBasisPoints(live.template())), live.template());
            }
            if (probe instanceof Probe.Unavailable unavailable) {
                LOG.errorf("Deepfake Guard face matching failed for user %s in realm %s: %s", user.getId(),
                        realm.getName(), unavailable.reason());
                return FaceMatchOutcome.unavailable(policy);
            }
            return FaceMatchOutcome.noFaceToCompare();
        }
        if (lookup instanceof FaceReferences.Lookup.Unusable unusable) {
            LOG.warnf("Deepfake Guard: the face reference of user %s in realm %s cannot be used: %s. Until then it "
                    + "counts as no_face_reference.", user.getId(), realm.getName(), unusable.why());
        }
        // The live face's template is only worth its cost where this sign-in may enrol it.
        Optional<FaceTemplate> live = Optional.empty();
        if (enrolmentPending(session, realm, user) && matcher.probe(frames, width, height) instanceof Probe.Template template) {
            live = Optional.of(template.template());
        }
        return FaceMatchOutcome.noReference(policy, live);
    }

    /** The action is on the account, or will be put there after this sign-in because of a group or role. */
    private static boolean enrolmentPending(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user.getRequiredActionsStream().anyMatch(EnrolFaceReferenceActionFactory.PROVIDER_ID::equals)) {
            return true;
        }
        EnrolmentRequirement requirement = EnrolmentRequirement.of(realm);
        return !requirement.isEmpty() && requirement.appliesTo(session, realm, user);
    }

    /**
     * The template of the live face in {@code frames}, for an enrolment a flow offers itself; empty when the matcher
     * is unavailable or the frames show no usable face.
     */
    public static Optional<FaceTemplate> liveTemplate(KeycloakSession session, FaceMatchConfig config,
                                                      List<CapturedFrame> frames, int width, int height) {
        FaceMatcher matcher = config.enabled() ? matcher(session, config.matcherId()) : null;
        if (matcher == null || matcher.modelDigest().isEmpty()) {
            return Optional.empty();
        }
        return matcher.probe(frames, width, height) instanceof Probe.Template live
                ? Optional.of(live.template()) : Optional.empty();
    }

    private static FaceMatcher matcher(KeycloakSession session, String id) {
        try {
            return session.getProvider(FaceMatcher.class, id);
        } catch (RuntimeException e) {
            LOG.debugf(e, "face matcher '%s' could not be created", id);
            return null;
        }
    }
}

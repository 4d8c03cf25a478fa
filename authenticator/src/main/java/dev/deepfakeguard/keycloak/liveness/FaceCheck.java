package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.contract.LivenessNotes;
import dev.deepfakeguard.keycloak.contract.UserFlags;
import dev.deepfakeguard.keycloak.face.reference.EnrolmentEvidence;
import dev.deepfakeguard.keycloak.face.reference.FaceMatchOutcome;
import dev.deepfakeguard.keycloak.face.reference.FaceMatching;
import dev.deepfakeguard.keycloak.face.reference.FaceTemplate;
import dev.deepfakeguard.keycloak.policy.Verdict;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds a liveness verdict to the account owner: the face match's decision joins the liveness decision, the stricter
 * one wins. Skipped when the liveness check already denied, or when matching is switched off for the step.
 */
final class FaceCheck {

    private FaceCheck() {
    }

    static Verdict apply(AuthenticationFlowContext context, LivenessConfig config, Submission submission,
                         Verdict verdict) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        EnrolmentEvidence.discard(authSession);
        LivenessNotes.clearFaceMatch(authSession);
        if (!config.face().enabled() || verdict.decision() == Decision.DENY) {
            return verdict;
        }
        FaceMatchOutcome outcome = outcome(context, config, submission, verdict);
        if (!outcome.applies()) {
            return verdict;
        }
        // DecisionRecorder puts both on this request's event and keeps them for the event that ends the sign-in.
        LivenessNotes.recordFaceMatch(authSession, outcome.note(), outcome.similarity());
        Decision decision = verdict.decision().strictest(outcome.decision());
        if (decision == Decision.ALLOW) {
            liveTemplate(context, config, submission, outcome)
                    .ifPresent(probe -> EnrolmentEvidence.keep(authSession, probe));
        }
        List<String> reasons = new ArrayList<>(verdict.reasons());
        reasons.add(outcome.reasonCode());
        boolean fallback = verdict.fallback() || ReasonCodes.FACE_MATCH_UNAVAILABLE.equals(outcome.reasonCode());
        return new Verdict(decision, reasons, fallback, verdict.scores());
    }

    /**
     * The live face's template for an enrolment in this flow: the one the match computed, or, where the flow offers
     * an enrolment itself and the match had no reason to compute one, a template of the same frames.
     */
    private static Optional<FaceTemplate> liveTemplate(AuthenticationFlowContext context, LivenessConfig config,
                                                       Submission submission, FaceMatchOutcome outcome) {
        if (outcome.probe().isPresent() || !EnrolmentEvidence.offered(context.getAuthenticationSession())) {
            return outcome.probe();
        }
        return FaceMatching.liveTemplate(context.getSession(), config.face(), submission.frames(),
                submission.signals().width(), submission.signals().height());
    }

    /**
     * A vendor's match score where the scorer was sent the account's vendor reference; the embedded matcher
     * otherwise.
     */
    private static FaceMatchOutcome outcome(AuthenticationFlowContext context, LivenessConfig config,
                                            Submission submission, Verdict verdict) {
        if (verdict.scores().matchScore().isPresent()) {
            return FaceMatchOutcome.vendorCompared(config.face().policy(), verdict.scores().matchScore().getAsInt());
        }
        // The account's reference lives at a vendor: a scorer that answered without comparing proves nothing.
        if (verdict.scores().isCompleted() && context.getUser().getFirstAttribute(UserFlags.VENDOR_FACE_ID) != null) {
            return FaceMatchOutcome.vendorSilent(config.face().policy());
        }
        return FaceMatching.match(context.getSession(), context.getRealm(), context.getUser(), config.face(),
                submission.frames(), submission.signals().width(), submission.signals().height());
    }
}

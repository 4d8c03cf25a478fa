package dev.deepfakeguard.keycloak.face.reference;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the face match contributed to a liveness decision.
 *
 * @param note       value of the {@code dfg.face.match} session note; null when matching did not apply
 * @param similarity cosine similarity in basis points, when a reference was compared
 * @param probe      the live face's template, kept for an enrolment in this sign-in
 */
public record FaceMatchOutcome(Decision decision, String reasonCode, String note, OptionalInt similarity,
                               Optional<FaceTemplate> probe) {

    static FaceMatchOutcome compared(FaceMatchPolicy policy, int similarity, FaceTemplate probe) {
        Decision decision = policy.decide(similarity);
        String reason = switch (decision) {
            case ALLOW -> ReasonCodes.FACE_MATCHED;
            case STEP_UP -> ReasonCodes.FACE_MATCH_UNCERTAIN;
            case DENY -> ReasonCodes.FACE_MISMATCH;
        };
        String note = switch (decision) {
            case ALLOW -> "matched";
            case STEP_UP -> "uncertain";
            case DENY -> "mismatch";
        };
        return new FaceMatchOutcome(decision, reason, note, OptionalInt.of(similarity), Optional.ofNullable(probe));
    }

    /** A vendor compared the live face with the account's reference at the vendor. */
    public static FaceMatchOutcome vendorCompared(FaceMatchPolicy policy, int similarity) {
        FaceMatchOutcome own = compared(policy, similarity, null);
        return new FaceMatchOutcome(own.decision(), own.reasonCode(), own.note(), own.similarity(), Optional.empty());
    }

    /** A vendor was sent the account's reference but answered no match score: no proof either way. */
    public static FaceMatchOutcome vendorSilent(FaceMatchPolicy policy) {
        return unavailable(policy);
    }

    /** A reference exists but no face in the frames could be compared with it: a mismatch, never a pass. */
    static FaceMatchOutcome noFaceToCompare() {
        return new FaceMatchOutcome(Decision.DENY, ReasonCodes.FACE_MISMATCH, "mismatch", OptionalInt.empty(),
                Optional.empty());
    }

    static FaceMatchOutcome noReference(FaceMatchPolicy policy, Optional<FaceTemplate> probe) {
        return new FaceMatchOutcome(policy.missingReference(), ReasonCodes.NO_FACE_REFERENCE, "no_reference",
                OptionalInt.empty(), probe);
    }

    /** Matching is not set up on this server and the account has no reference: nothing to add to the decision. */
    static FaceMatchOutcome notMatched() {
        return new FaceMatchOutcome(Decision.ALLOW, null, null, OptionalInt.empty(), Optional.empty());
    }

    /** Whether the match took part in the decision at all. */
    public boolean applies() {
        return note != null;
    }

    static FaceMatchOutcome unavailable(FaceMatchPolicy policy) {
        return new FaceMatchOutcome(policy.unavailable(), ReasonCodes.FACE_MATCH_UNAVAILABLE, "unavailable",
                OptionalInt.empty(), Optional.empty());
    }
}

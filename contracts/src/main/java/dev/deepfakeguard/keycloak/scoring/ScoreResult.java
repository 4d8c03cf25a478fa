package dev.deepfakeguard.keycloak.scoring;

import dev.deepfakeguard.keycloak.contract.ReasonCodes;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a scorer concluded. Scores are basis points: {@code livenessScore} higher = more likely a live, genuine
 * person; {@code syntheticScore} higher = more likely manipulated. Built only through the validating factories.
 */
public record ScoreResult(State state, int livenessScore, int syntheticScore, String scorerId, String modelVersion,
                          List<String> reasonCodes, OptionalInt matchScore) {

    public static final int MAX_BASIS_POINTS = 10_000;
    private static final int MAX_REASONS = 16;
    private static final int MAX_MODEL_VERSION = 64;

    public enum State {
        /** The scorer looked at the media and produced scores. */
        COMPLETED,
        /** The scorer could not produce a verdict (timeout, fault, hostile answer); the fallback applies. */
        UNAVAILABLE
    }

    public ScoreResult(State state, int livenessScore, int syntheticScore, String scorerId, String modelVersion,
                       List<String> reasonCodes) {
        this(state, livenessScore, syntheticScore, scorerId, modelVersion, reasonCodes, OptionalInt.empty());
    }

    public ScoreResult {
        Objects.requireNonNull(state, "state");
        matchScore = matchScore == null ? OptionalInt.empty() : matchScore;
        if (matchScore.isPresent()) {
            requireBasisPoints(matchScore.getAsInt(), "match score");
        }
        requireBasisPoints(livenessScore, "liveness score");
        requireBasisPoints(syntheticScore, "synthetic score");
        if (scorerId == null || scorerId.isBlank()) {
            throw new IllegalArgumentException("scorer id missing");
        }
        modelVersion = modelVersion == null ? "" : modelVersion;
        if (modelVersion.length() > MAX_MODEL_VERSION || !modelVersion.matches("[A-Za-z0-9._+:-]*")) {
            throw new IllegalArgumentException("model version malformed");
        }
        reasonCodes = List.copyOf(reasonCodes);
        if (reasonCodes.size() > MAX_REASONS || !reasonCodes.stream().allMatch(ReasonCodes::isValid)) {
            throw new IllegalArgumentException("reason codes malformed");
        }
    }

    public static ScoreResult completed(int livenessScore, int syntheticScore, String scorerId, String modelVersion,
                                        List<String> reasonCodes) {
        return new ScoreResult(State.COMPLETED, livenessScore, syntheticScore, scorerId, modelVersion, reasonCodes);
    }

    /** No verdict; scores are the most pessimistic values so that nothing downstream can read them as a pass. */
    public static ScoreResult unavailable(String scorerId, String reasonCode) {
        return new ScoreResult(State.UNAVAILABLE, 0, MAX_BASIS_POINTS, scorerId, "",
                List.of(ReasonCodes.SCORER_UNAVAILABLE, reasonCode).stream().distinct().toList());
    }

    /**
     * The same result with a vendor's face match score: similarity of the live face and the face reference sent in
     * the request, basis points.
     */
    public ScoreResult withMatchScore(int score) {
        return new ScoreResult(state, livenessScore, syntheticScore, scorerId, modelVersion, reasonCodes,
                OptionalInt.of(score));
    }

    public boolean isCompleted() {
        return state == State.COMPLETED;
    }

    private static void requireBasisPoints(int value, String name) {
        if (value < 0 || value > MAX_BASIS_POINTS) {
            throw new IllegalArgumentException(name + " out of range: " + value);
        }
    }
}

package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.scoring.FrameFormat;

import dev.deepfakeguard.keycloak.challenge.Challenge;

import java.util.stream.Collectors;

/** What the liveness template reads as {@code dfg}; see docs/liveness-page-protocol.md. */
public final class LivenessPageBean {

    private final Challenge challenge;
    private final long nowMillis;
    private final int attempt;
    private final int maxAttempts;
    private final String analysedBy;

    LivenessPageBean(Challenge challenge, long nowMillis, int attempt, int maxAttempts, String analysedBy) {
        this.challenge = challenge;
        this.nowMillis = nowMillis;
        this.attempt = attempt;
        this.maxAttempts = maxAttempts;
        this.analysedBy = analysedBy;
    }

    public String getChallengeId() {
        return challenge.id();
    }

    public String getNonce() {
        return challenge.nonce();
    }

    public String getColoursJson() {
        return challenge.colours().stream().map(colour -> "\"" + colour.hex() + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** JSON array of {@code "front" | "left" | "right"}, one per step: what the page asks the head to do. */
    public String getPosesJson() {
        return challenge.poses().stream().map(pose -> "\"" + pose.value() + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    public int getStepMillis() {
        return challenge.stepMillis();
    }

    public long getExpiresInSeconds() {
        return Math.max(0, (challenge.expiresAtMillis() - nowMillis) / 1000);
    }

    public int getAttempt() {
        return attempt;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** The server's frame size: the page captures at it, admission accepts nothing else. */
    public int getFrameWidth() {
        return FrameFormat.WIDTH;
    }

    public int getFrameHeight() {
        return FrameFormat.HEIGHT;
    }

    public int getMaxFrameBytes() {
        return SubmissionReader.MAX_FRAME_BYTES;
    }

    /** Empty means "this sign-in service" (the theme supplies the words in the person's language). */
    public String getAnalysedBy() {
        return analysedBy;
    }

    /** Frames are never kept: nothing in Deepfake Guard writes them anywhere. */
    public boolean isRetainsMedia() {
        return false;
    }
}

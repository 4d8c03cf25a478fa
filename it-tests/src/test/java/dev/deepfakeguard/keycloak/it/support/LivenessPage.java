package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.nodes.Element;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.challenge.HeadPose;
import dev.deepfakeguard.keycloak.challenge.ScreenColour;

/**
 * The liveness page as the protocol (docs/liveness-page-protocol.md) describes it: the challenge in the data
 * attributes of {@code #dfg-root}, the post target in {@code form#dfg-form}.
 */
public final class LivenessPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoginDriver driver;
    private final Page page;
    private final String action;
    private final String challengeId;
    private final String nonce;
    private final List<ScreenColour> colours;
    private final List<HeadPose> poses;
    private final int stepMillis;
    private final int frameWidth;
    private final int frameHeight;
    private final int maxFrameBytes;
    private final long shownAtNanos = System.nanoTime();
    private final long shownAtMillis = System.currentTimeMillis();

    private LivenessPage(LoginDriver driver, Page page, Element root, Element form) {
        this.driver = driver;
        this.page = page;
        this.action = form.absUrl("action");
        this.challengeId = root.attr("data-challenge-id");
        this.nonce = root.attr("data-nonce");
        this.colours = parseColours(root.attr("data-colours"));
        this.poses = parsePoses(root.attr("data-poses"));
        this.stepMillis = Integer.parseInt(root.attr("data-step-ms"));
        this.frameWidth = Integer.parseInt(root.attr("data-frame-width"));
        this.frameHeight = Integer.parseInt(root.attr("data-frame-height"));
        this.maxFrameBytes = Integer.parseInt(root.attr("data-max-frame-bytes"));
    }

    static LivenessPage parse(LoginDriver driver, Page page) {
        Element root = page.document().selectFirst("#dfg-root");
        Element form = page.document().selectFirst("form#dfg-form");
        if (root == null || form == null) {
            throw new AssertionError("no #dfg-root or form#dfg-form on " + page.describe());
        }
        return new LivenessPage(driver, page, root, form);
    }

    public Page page() {
        return page;
    }

    public String challengeId() {
        return challengeId;
    }

    public String nonce() {
        return nonce;
    }

    public List<ScreenColour> colours() {
        return colours;
    }

    /** What the page asks the head to do in each step. */
    public List<HeadPose> poses() {
        return poses;
    }

    public int stepMillis() {
        return stepMillis;
    }

    public int frameWidth() {
        return frameWidth;
    }

    public int frameHeight() {
        return frameHeight;
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public Optional<String> message() {
        return page.message();
    }

    /** The "attempt n of m" line the page shows. */
    public String attemptText() {
        Element attempt = page.document().selectFirst("#dfg-attempt");
        return attempt == null ? "" : attempt.text();
    }

    /** The challenge as the page received it, for the synthetic-frame fixtures (expiry is not on the page). */
    public Challenge challenge() {
        return new Challenge(challengeId, nonce, colours, poses, stepMillis, shownAtMillis,
                shownAtMillis + Duration.ofMinutes(2).toMillis());
    }

    /** How long a real page needs to play the colour script. */
    public Duration scriptDuration() {
        return Duration.ofMillis((long) stepMillis * colours.size());
    }

    /**
     * Posts the submission the way the page's script would: not before the script could have finished playing,
     * because a real camera cannot deliver the last frame earlier.
     */
    public NextStep submit(Submission submission) {
        long playedMillis = Duration.ofNanos(System.nanoTime() - shownAtNanos).toMillis();
        long remaining = scriptDuration().toMillis() - playedMillis;
        if (remaining > 0) {
            Poll.pause(Duration.ofMillis(remaining));
        }
        return submitNow(submission);
    }

    /** Posts immediately; for stories that are about timing themselves. */
    public NextStep submitNow(Submission submission) {
        return new NextStep(driver, driver.post(URI.create(action), submission.fields()));
    }

    /**
     * Posts immediately to the same address on another node of a cluster, with this user agent's cookies: what a
     * load balancer without sticky sessions does.
     */
    public NextStep submitNowVia(KeycloakServer node, Submission submission) {
        URI original = URI.create(action);
        URI other = URI.create(node.baseUrl() + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery()));
        return new NextStep(driver, driver.post(other, submission.fields()));
    }

    private static List<HeadPose> parsePoses(String json) {
        try {
            List<HeadPose> poses = new ArrayList<>();
            for (JsonNode pose : JSON.readTree(json)) {
                poses.add(Arrays.stream(HeadPose.values()).filter(p -> p.value().equals(pose.asText())).findFirst()
                        .orElseThrow(() -> new AssertionError("unknown pose in data-poses: " + json)));
            }
            return List.copyOf(poses);
        } catch (IOException e) {
            throw new UncheckedIOException("data-poses is not a JSON array: " + json, e);
        }
    }

    private static List<ScreenColour> parseColours(String json) {
        try {
            List<ScreenColour> colours = new ArrayList<>();
            for (JsonNode colour : JSON.readTree(json)) {
                colours.add(ScreenColour.parseHex(colour.asText()));
            }
            return List.copyOf(colours);
        } catch (IOException e) {
            throw new UncheckedIOException("data-colours is not a JSON array: " + json, e);
        }
    }
}

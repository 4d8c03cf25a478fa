package dev.deepfakeguard.keycloak.testing;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.challenge.ChallengeIssuer;
import dev.deepfakeguard.keycloak.challenge.ScreenColour;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.ClientSignals;
import dev.deepfakeguard.keycloak.scoring.ScorerSettings;
import dev.deepfakeguard.keycloak.scoring.ScoringRequest;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic stand-ins for what the liveness page submits: 320×240 JPEG frames (quality 0.8) with capture times
 * near the end of each step. Shared by unit tests, integration tests and benchmarks through the test-jar.
 *
 * <ul>
 *   <li>{@link #following}: a face lit by ambient light plus the screen's colour script, with sensor noise;</li>
 *   <li>{@link #notFollowing}: the same face, lit by a different script (a video recorded for another challenge);</li>
 *   <li>{@link #constant}: the same face under constant white screen light;</li>
 *   <li>{@link #flatFakeCamera}: a flat green pattern with sharp shapes and no noise, like Chromium's fake camera.</li>
 * </ul>
 */
public final class SyntheticFrames {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    public static final String REALM_ID = "test-realm";
    /** Chromium's label for its built-in fake capture device. */
    public static final String CHROMIUM_FAKE_LABEL = "fake_device_0";
    public static final String WEBCAM_LABEL = "Integrated Webcam (0c45:6a1b)";

    private static final float JPEG_QUALITY = 0.8f;
    /** The page captures this long before the end of each step. */
    private static final int CAPTURE_LEAD_MILLIS = 40;
    private static final int TIMING_JITTER_MILLIS = 25;
    private static final long ISSUED_AT = 1_780_000_000_000L;
    private static final ScreenColour WHITE = new ScreenColour(255, 255, 255);

    private SyntheticFrames() {
    }

    /** A challenge as the server issues it, reproducible from the seed. */
    public static Challenge challenge(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            Clock clock = Clock.fixed(Instant.ofEpochMilli(ISSUED_AT), ZoneOffset.UTC);
            return new ChallengeIssuer(random, clock).issue(Duration.ofMinutes(2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
        }
    }

    /** A live face whose colour follows the challenge's script. */
    public static List<CapturedFrame> following(Challenge challenge, long seed) {
        Random random = new Random(seed);
        return face(challenge.colours(), jitteredTimes(challenge, random), random);
    }

    /** A live-looking face lit by another script: at every step a colour other than the one the challenge shows. */
    public static List<CapturedFrame> notFollowing(Challenge challenge, long seed) {
        Random random = new Random(seed);
        return face(otherScript(challenge.colours(), random), jitteredTimes(challenge, random), random);
    }

    /** A live-looking face under constant white light: it ignores the script entirely. */
    public static List<CapturedFrame> constant(Challenge challenge, long seed) {
        Random random = new Random(seed);
        return face(Collections.nCopies(challenge.colours().size(), WHITE), jitteredTimes(challenge, random), random);
    }

    /** Frames like Chromium's fake camera: flat green and grey shapes with sharp edges, no noise, no reflection. */
    public static List<CapturedFrame> flatFakeCamera(Challenge challenge, long seed) {
        Random random = new Random(seed);
        long[] times = jitteredTimes(challenge, random);
        List<CapturedFrame> frames = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            frames.add(CapturedFrame.of(jpeg(fakeCameraImage(i)), times[i]));
        }
        return List.copyOf(frames);
    }

    /** The same frames with other capture times. */
    public static List<CapturedFrame> retimed(List<CapturedFrame> frames, long[] times) {
        if (frames.size() != times.length) {
            throw new IllegalArgumentException("one time per frame");
        }
        List<CapturedFrame> retimed = new ArrayList<>(frames.size());
        for (int i = 0; i < times.length; i++) {
            retimed.add(CapturedFrame.of(bytes(frames.get(i)), times[i]));
        }
        return List.copyOf(retimed);
    }

    /** Capture times exactly {@value #CAPTURE_LEAD_MILLIS} ms before each step ends: what a scripted injector sends. */
    public static long[] regularTimes(Challenge challenge) {
        long[] times = new long[challenge.colours().size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = (long) (i + 1) * challenge.stepMillis() - CAPTURE_LEAD_MILLIS;
        }
        return times;
    }

    /** Base64 form of the frames, as the page posts them in {@code dfg_frame_i}. */
    public static List<String> base64(List<CapturedFrame> frames) {
        return frames.stream().map(CapturedFrame::base64).toList();
    }

    /** The frames as the page's {@code dfg_frame_times} field. */
    public static String frameTimes(List<CapturedFrame> frames) {
        return String.join(",", frames.stream().map(frame -> Long.toString(frame.capturedAtMillis())).toList());
    }

    /** A login scoring request for the frames, submitted a plausible time after the challenge was issued. */
    public static ScoringRequest request(Challenge challenge, List<CapturedFrame> frames, String deviceLabel) {
        return new ScoringRequest("req-" + challenge.id(), REALM_ID, "subject-1", FlowKind.LOGIN, challenge, frames,
                new ClientSignals(deviceLabel, WIDTH, HEIGHT), challenge.scriptMillis() + 900,
                ScorerSettings.of(Map.of()));
    }

    private static long[] jitteredTimes(Challenge challenge, Random random) {
        long[] times = regularTimes(challenge);
        for (int i = 0; i < times.length; i++) {
            times[i] += random.nextInt(2 * TIMING_JITTER_MILLIS + 1) - TIMING_JITTER_MILLIS;
        }
        return times;
    }

    private static List<ScreenColour> otherScript(List<ScreenColour> issued, Random random) {
        List<ScreenColour> other = new ArrayList<>(issued);
        while (true) {
            Collections.shuffle(other, random);
            boolean differsEverywhere = true;
            for (int i = 0; i < issued.size(); i++) {
                differsEverywhere &= !other.get(i).equals(issued.get(i));
            }
            if (differsEverywhere) {
                return other;
            }
        }
    }

    private static List<CapturedFrame> face(List<ScreenColour> lights, long[] times, Random random) {
        List<CapturedFrame> frames = new ArrayList<>(lights.size());
        for (int i = 0; i < lights.size(); i++) {
            frames.add(CapturedFrame.of(jpeg(FaceScene.render(lights.get(i), random)), times[i]));
        }
        return List.copyOf(frames);
    }

    private static BufferedImage fakeCameraImage(int index) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        double angle = index * Math.PI / 6;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = 0x4c8c4c; // flat green background
                double dx = x - WIDTH / 2.0;
                double dy = y - HEIGHT / 2.0;
                double radius = Math.hypot(dx, dy);
                double bearing = Math.atan2(dy, dx) - angle;
                double mouth = Math.abs(Math.IEEEremainder(bearing, 2 * Math.PI));
                if (radius < 70 && mouth > Math.PI / 6) {
                    rgb = 0x8c8c8c; // grey "pac-man" that turns from frame to frame
                }
                if (y >= 12 && y < 36 && x >= 12 && x < 12 + 12 * (index + 3)) {
                    rgb = 0x202020; // frame-counter bar
                }
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** Encodes an image as the page does (JPEG, quality 0.8). */
    public static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] bytes(CapturedFrame frame) {
        try (var in = frame.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

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
import java.awt.image.DataBufferInt;
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
 * near the end of each step. Shared by unit tests, integration tests and benchmarks through the test-jar. Faces are
 * drawn with Java2D ({@link FaceScene}); no photograph of anyone is used.
 *
 * <ul>
 *   <li>{@link #following}: a face lit by room light plus the screen's colour script, turning its head as prompted;</li>
 *   <li>{@link #notFollowing}: the same face, lit by a different colour script (a video recorded for another
 *       challenge);</li>
 *   <li>{@link #constant}: the same face under constant white screen light;</li>
 *   <li>{@link #withMotion}: a face lit as the script says whose head moves as given (still, wrong way, early);</li>
 *   <li>{@link #evenlyTinted}: a face under constant light with the script's colour laid over the whole frame;</li>
 *   <li>{@link #surface}: something that is not a face (grey card, paper, wall) lit by the screen, with sensor
 *       noise;</li>
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
    /** Strong enough to survive JPEG 0.8 on a flat surface: without a face check such frames scored 10000. */
    private static final double SURFACE_NOISE_SIGMA = 6.0;

    /** Non-face surfaces a script might film or forge, lit by the screen like a face would be. */
    public enum Surface {
        /** A mid-grey card filling the view, with sensor noise. */
        GREY_CARD,
        /** Paper with fibres and a faint printed texture. */
        TEXTURED_PAPER,
        /** A plastered wall with a light gradient and a door frame edge. */
        WALL
    }

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

    /** A live face whose colour follows the challenge's script and whose head follows its turn prompts. */
    public static List<CapturedFrame> following(Challenge challenge, long seed) {
        return withMotion(challenge, seed, HeadMotion.following());
    }

    /** A face lit as the script says, whose head moves as {@code motion} says. */
    public static List<CapturedFrame> withMotion(Challenge challenge, long seed, HeadMotion motion) {
        Random random = new Random(seed);
        return face(challenge, challenge.colours(), jitteredTimes(challenge, random), motion, FaceScene.Pose.centred(),
                random);
    }

    /** A face at {@code pose} (turning as prompted), lit as the script says. */
    public static List<CapturedFrame> posed(Challenge challenge, long seed, FaceScene.Pose pose) {
        Random random = new Random(seed);
        return face(challenge, challenge.colours(), jitteredTimes(challenge, random), HeadMotion.following(), pose,
                random);
    }

    /** A live-looking face lit by another script: at every step a colour other than the one the challenge shows. */
    public static List<CapturedFrame> notFollowing(Challenge challenge, long seed) {
        Random random = new Random(seed);
        return face(challenge, otherScript(challenge.colours(), random), jitteredTimes(challenge, random),
                HeadMotion.following(), FaceScene.Pose.centred(), random);
    }

    /** A live-looking face under constant white light: it ignores the colour script entirely. */
    public static List<CapturedFrame> constant(Challenge challenge, long seed) {
        Random random = new Random(seed);
        return face(challenge, Collections.nCopies(challenge.steps(), WHITE), jitteredTimes(challenge, random),
                HeadMotion.following(), FaceScene.Pose.centred(), random);
    }

    /**
     * The forgery that knows the script but not physics: a face (turning as prompted) under constant light, with the
     * script's colour laid evenly over the whole frame, background included.
     */
    public static List<CapturedFrame> evenlyTinted(Challenge challenge, long seed) {
        Random random = new Random(seed);
        long[] times = jitteredTimes(challenge, random);
        List<CapturedFrame> frames = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            FaceScene.Pose pose = FaceScene.Pose.centred()
                    .turned(HeadMotion.following().yawAt(challenge, times[i]));
            BufferedImage image = FaceScene.render(WHITE, pose, random);
            frames.add(CapturedFrame.of(jpeg(tint(image, challenge.colours().get(i))), times[i]));
        }
        return List.copyOf(frames);
    }

    /** Two people in view, both lit by the script, the nearer one turning as prompted. */
    public static List<CapturedFrame> twoPeople(Challenge challenge, long seed) {
        Random random = new Random(seed);
        long[] times = jitteredTimes(challenge, random);
        List<CapturedFrame> frames = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            FaceScene.Pose main = FaceScene.Pose.centred().movedTo(130, 130).sized(105)
                    .turned(HeadMotion.following().yawAt(challenge, times[i]));
            FaceScene.Pose second = new FaceScene.Pose(255, 105, 80, 0);
            frames.add(CapturedFrame.of(jpeg(FaceScene.renderGroup(challenge.colours().get(i),
                    new FaceScene.Pose[] {main, second}, random)), times[i]));
        }
        return List.copyOf(frames);
    }

    /** A surface that is not a face, filmed while the screen plays the script: it reflects, but nobody is there. */
    public static List<CapturedFrame> surface(Challenge challenge, long seed, Surface surface) {
        Random random = new Random(seed);
        long[] times = jitteredTimes(challenge, random);
        double[] albedo = surfaceAlbedo(surface, new Random(seed * 31 + surface.ordinal()));
        List<CapturedFrame> frames = new ArrayList<>(times.length);
        for (int i = 0; i < times.length; i++) {
            frames.add(CapturedFrame.of(jpeg(litSurface(albedo, challenge.colours().get(i), random)), times[i]));
        }
        return List.copyOf(frames);
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
        long[] times = new long[challenge.steps()];
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

    private static List<CapturedFrame> face(Challenge challenge, List<ScreenColour> lights, long[] times,
                                            HeadMotion motion, FaceScene.Pose pose, Random random) {
        List<CapturedFrame> frames = new ArrayList<>(lights.size());
        for (int i = 0; i < lights.size(); i++) {
            FaceScene.Pose turned = pose.turned(motion.yawAt(challenge, times[i]));
            frames.add(CapturedFrame.of(jpeg(FaceScene.render(lights.get(i), turned, random)), times[i]));
        }
        return List.copyOf(frames);
    }

    /** The colour laid over the whole frame as a forger would: each pixel scaled towards the screen colour. */
    private static BufferedImage tint(BufferedImage image, ScreenColour colour) {
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        double[] gain = new double[3];
        for (int c = 0; c < 3; c++) {
            gain[c] = (FaceScene.AMBIENT + FaceScene.FACE_REFLECTION * colour.channel(c) / 255.0)
                    / (FaceScene.AMBIENT + FaceScene.FACE_REFLECTION);
        }
        for (int i = 0; i < rgb.length; i++) {
            int out = 0;
            for (int c = 0; c < 3; c++) {
                int shift = 16 - 8 * c;
                out |= FaceScene.clamp(((rgb[i] >> shift) & 0xff) * gain[c]) << shift;
            }
            rgb[i] = out;
        }
        return image;
    }

    private static double[] surfaceAlbedo(Surface surface, Random random) {
        double[] albedo = new double[WIDTH * HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double value = switch (surface) {
                    case GREY_CARD -> 0.5;
                    case TEXTURED_PAPER -> 0.8 + 0.04 * Math.sin(x * 0.9 + y * 0.3) * Math.sin(y * 1.3)
                            + 0.03 * random.nextGaussian();
                    case WALL -> (x < 250 ? 0.62 : 0.45) + 0.06 * (double) y / HEIGHT
                            + 0.02 * Math.sin(x * 0.05) * Math.cos(y * 0.07) + 0.015 * random.nextGaussian();
                };
                albedo[y * WIDTH + x] = Math.max(0, Math.min(1, value));
            }
        }
        return albedo;
    }

    /** A near surface (all of it reflects the screen as a face would), with room light, fall-off and noise. */
    private static BufferedImage litSurface(double[] albedo, ScreenColour screen, Random random) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double falloff = 0.9 + 0.2 * (1 - (double) (x + y) / (WIDTH + HEIGHT));
                int out = 0;
                for (int c = 0; c < 3; c++) {
                    double light = FaceScene.AMBIENT * falloff + FaceScene.FACE_REFLECTION * screen.channel(c) / 255.0;
                    double value = 255 * albedo[y * WIDTH + x] * light + random.nextGaussian() * SURFACE_NOISE_SIGMA;
                    out |= FaceScene.clamp(value) << (16 - 8 * c);
                }
                rgb[y * WIDTH + x] = out;
            }
        }
        return image;
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

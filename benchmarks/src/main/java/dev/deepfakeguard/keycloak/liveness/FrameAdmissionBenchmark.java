package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.LivenessForm;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.scoring.FrameFormat;
import dev.deepfakeguard.keycloak.testing.HostileJpegs;
import dev.deepfakeguard.keycloak.testing.JpegSegments;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What admission costs for hostile frames, against the floor of decoding one genuine frame with ImageIO:
 * <ul>
 *   <li>{@link #rejectProgressive}: the 64 KiB progressive 640×480 JPEG with thousands of scans (refused at its
 *       frame header);</li>
 *   <li>{@link #rejectSecondScanAtTheEnd}: the most expensive frame to refuse, a 64 KiB baseline frame whose
 *       second scan comes after a full frame's entropy-coded data (the walk reads every byte);</li>
 *   <li>{@link #admitLargestFrame}: the most expensive frame to admit (64 KiB of entropy-coded data);</li>
 *   <li>{@link #readHostileSubmission}: a whole submission through {@link SubmissionReader} (base64, caps, walks)
 *       with as many largest admissible frames as the total cap allows, genuine frames for the other steps and the
 *       hostile one last, refused;</li>
 *   <li>{@link #decodeGenuineFrame}: the floor, one typical page frame decoded as the embedded scorer does.</li>
 * </ul>
 * One thread; average time ≈ CPU time. Run: {@code java -jar benchmarks/target/benchmarks.jar FrameAdmission}.
 * <p>
 * Stays in {@code liveness}: it times the package-private {@code SubmissionReader}, which a public entry point would
 * expose only for this benchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class FrameAdmissionBenchmark {

    byte[] progressive;
    byte[] secondScanAtTheEnd;
    byte[] largest;
    byte[] genuine;
    private Challenge challenge;
    MultivaluedMap<String, String> hostileSubmission;
    private final SubmissionReader reader = new SubmissionReader();

    @Setup
    public void setUp() throws IOException {
        progressive = HostileJpegs.progressiveManyScans();
        largest = largestAdmissibleFrame();
        JpegSegments segments = JpegSegments.parse(largest);
        // The scan header again, with one byte of data: found only after walking all of the first scan's data.
        byte[] secondScan = java.util.Arrays.copyOf(segments.first(JpegSegments.SOS).bytes(), 15);
        secondScanAtTheEnd = segments.append(new JpegSegments.Segment(JpegSegments.SOS, secondScan)).bytes();
        challenge = SyntheticFrames.challenge(11);
        try (var in = SyntheticFrames.following(challenge, 11).get(0).openStream()) {
            genuine = in.readAllBytes();
        }
        hostileSubmission = submission(challenge, largest, genuine, progressive);
        String verdict = readHostileSubmission();
        if (!ReasonCodes.FRAME_NOT_BASELINE.equals(verdict)) {
            throw new IllegalStateException("hostile submission refused as " + verdict + ", not at its frame");
        }
        expect(progressive, false);
        expect(secondScanAtTheEnd, false);
        expect(largest, true);
        expect(genuine, true);
    }

    @Benchmark
    public String rejectProgressive() {
        return verdict(progressive);
    }

    @Benchmark
    public String rejectSecondScanAtTheEnd() {
        return verdict(secondScanAtTheEnd);
    }

    @Benchmark
    public String admitLargestFrame() {
        return verdict(largest);
    }

    @Benchmark
    public String readHostileSubmission() {
        try {
            reader.read(hostileSubmission, challenge);
            throw new IllegalStateException("hostile submission admitted");
        } catch (RejectedSubmission rejected) {
            return rejected.reasonCode();
        }
    }

    @Benchmark
    public BufferedImage decodeGenuineFrame() throws IOException {
        return decode(genuine);
    }

    static String verdict(byte[] jpeg) {
        try {
            FrameFormat.check(jpeg);
            return "admitted";
        } catch (FrameFormat.Violation violation) {
            return violation.reasonCode();
        }
    }

    /** The embedded scorer's decode path: the JPEG reader on an in-memory stream. */
    static BufferedImage decode(byte[] jpeg) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The most expensive submission to refuse: as many largest admissible frames as the total cap leaves room for,
     * genuine ones for the other steps, and the hostile one last, so that every other frame is walked first.
     */
    private static MultivaluedMap<String, String> submission(Challenge challenge, byte[] largest, byte[] genuine,
                                                             byte[] hostile) {
        int steps = challenge.colours().size();
        int large = 0;
        while (large < steps - 1 && base64Length(largest) * (large + 1L) + base64Length(genuine) * (steps - 2L - large)
                + base64Length(hostile) <= (long) SubmissionReader.MAX_TOTAL_BYTES / 3 * 4) {
            large++;
        }
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        StringBuilder times = new StringBuilder();
        for (int i = 0; i < steps; i++) {
            byte[] frame = i == steps - 1 ? hostile : i < large ? largest : genuine;
            form.add(LivenessForm.frameField(i), Base64.getEncoder().encodeToString(frame));
            times.append(i == 0 ? "" : ",").append(400 + i * challenge.stepMillis());
        }
        form.add(LivenessForm.FRAME_TIMES, times.toString());
        form.add(LivenessForm.DEVICE_LABEL, SyntheticFrames.WEBCAM_LABEL);
        return form;
    }

    private static long base64Length(byte[] bytes) {
        return (bytes.length + 2L) / 3 * 4;
    }

    /** Noise at the highest quality whose JPEG still fits the per-frame cap: the most entropy data a frame can have. */
    private static byte[] largestAdmissibleFrame() {
        BufferedImage noise = new BufferedImage(FrameFormat.WIDTH, FrameFormat.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(5);
        for (int y = 0; y < FrameFormat.HEIGHT; y++) {
            for (int x = 0; x < FrameFormat.WIDTH; x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        // Leaves room for the appended second scan's header and one byte of data in the per-frame cap.
        int cap = SubmissionReader.MAX_FRAME_BYTES - 64;
        byte[] best = null;
        for (float quality = 0.05f; quality <= 1.0f; quality += 0.05f) {
            byte[] jpeg = HostileJpegs.encode(noise, false, quality);
            if (jpeg.length <= cap && (best == null || jpeg.length > best.length)) {
                best = jpeg;
            }
        }
        return best;
    }

    private static void expect(byte[] jpeg, boolean admitted) {
        if ("admitted".equals(verdict(jpeg)) != admitted) {
            throw new IllegalStateException("benchmark frame of " + jpeg.length + " bytes: " + verdict(jpeg));
        }
    }
}

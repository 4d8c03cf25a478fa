package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the face model costs a node: the heap and resident memory the ORT session adds when it loads, the CPU time
 * of one inference (one frame) beside the CPU time of decoding that frame, and the size of the drop-in JAR.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.deepfakeguard.keycloak.scoring.embedded.FaceModelCost
 * [path of the drop-in JAR]}.
 * <p>
 * Stays in {@code scoring.embedded}: it times the package-private {@code ModelInput} and {@code Pixels} apart from the
 * inference, which a public entry point would expose only for this benchmark.
 */
public final class FaceModelCost {

    private static final int WARM_UP = 300;
    private static final int MEASURED = 2_000;

    private FaceModelCost() {
    }

    public static void main(String[] args) throws Exception {
        Challenge challenge = SyntheticFrames.challenge(7);
        List<CapturedFrame> frames = SyntheticFrames.following(challenge, 7);
        int sink = 0;
        // The JVM's own growth from decoding comes first, so that what follows is the session's alone.
        for (int i = 0; i < WARM_UP + 2 * MEASURED; i++) {
            sink += ImageIO.read(frames.get(i % frames.size()).openStream()).getWidth();
        }
        settle();
        long heapBefore = usedHeap();
        long rssBefore = rssKib();
        FaceAnalysis faces = FaceAnalysis.load();
        settle();
        long heapAfter = usedHeap();
        long rssAfter = rssKib();
        System.out.printf(Locale.ROOT, "session load: heap +%.1f MiB, RSS +%.1f MiB (RSS %d -> %d KiB)%n",
                (heapAfter - heapBefore) / 1048576.0, (rssAfter - rssBefore) / 1024.0, rssBefore, rssAfter);

        FaceDetector detector = faces.detector().orElseThrow();
        java.nio.FloatBuffer input = ModelInput.allocate();
        float[] scratch = new float[ModelInput.LENGTH];
        ModelInput.Letterbox letterbox = ModelInput.letterbox(SyntheticFrames.WIDTH, SyntheticFrames.HEIGHT);
        BufferedImage image = ImageIO.read(frames.get(0).openStream());
        ModelInput.fill(Pixels.of(image), scratch, input);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP; i++) {
            sink += detector.detect(input, letterbox).size();
            sink += ImageIO.read(frames.get(i % frames.size()).openStream()).getWidth();
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            sink += ImageIO.read(frames.get(i % frames.size()).openStream()).getWidth();
        }
        long decoded = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            ModelInput.fill(Pixels.of(image), scratch, input);
        }
        long filled = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            sink += detector.detect(input, letterbox).size();
        }
        long inferred = threads.getCurrentThreadCpuTime();
        System.out.printf(Locale.ROOT, "per frame CPU: JPEG decode %.0f us, model input %.0f us, inference + "
                        + "decoding %.0f us (sink %d)%n", micros(decoded - start), micros(filled - decoded),
                micros(inferred - filled), sink);
        settle();
        long rssInferred = rssKib();
        System.out.printf(Locale.ROOT, "after %d inferences: RSS +%.1f MiB over the loaded session (%d KiB)%n",
                MEASURED + WARM_UP, (rssInferred - rssAfter) / 1024.0, rssInferred);
        faces.close();
        if (args.length > 0) {
            System.out.printf(Locale.ROOT, "drop-in JAR %s: %.1f MiB%n", args[0],
                    Files.size(Path.of(args[0])) / 1048576.0);
        }
    }

    private static double micros(long nanos) {
        return nanos / 1_000.0 / MEASURED;
    }

    private static void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Resident set size of this process from /proc (Linux); 0 elsewhere. */
    private static long rssKib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}

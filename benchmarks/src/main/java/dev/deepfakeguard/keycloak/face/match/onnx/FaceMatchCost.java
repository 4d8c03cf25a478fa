package dev.deepfakeguard.keycloak.face.match.onnx;

import dev.deepfakeguard.keycloak.face.match.FaceMatcher;
import dev.deepfakeguard.keycloak.face.match.Probe;
import dev.deepfakeguard.keycloak.face.reference.FaceTemplate;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.embedded.FaceAnalysis;
import dev.deepfakeguard.keycloak.scoring.embedded.FaceLocator;
import dev.deepfakeguard.keycloak.scoring.embedded.LocatedFace;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What face matching adds to a liveness check, in CPU time of one thread: per frame, finding the face (JPEG decode +
 * BlazeFace), the similarity alignment and the embedding; per check, a whole probe of 11 frames (every frame located,
 * the most frontal four embedded) and the comparison with a reference. Real faces from the test-time photos.
 * Run after {@code mvn -pl benchmarks -am package -DskipTests}:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.deepfakeguard.keycloak.face.match.onnx.FaceMatchCost
 * <embedding model> <its sha256> <photos directory>}.
 * <p>
 * Stays in {@code face.match.onnx}: it times the package-private {@code FaceAlignment}, {@code EmbeddingSettings} and
 * {@code OnnxFaceMatcher} one by one, which a public entry point would expose only for this benchmark.
 */
public final class FaceMatchCost {

    private static final int WARM_UP = 30;
    private static final int MEASURED = 200;
    private static final int FRAMES_PER_CHECK = 11;

    private FaceMatchCost() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("face.test.photos", args[2]);
        OnnxFaceMatcherFactory factory = new OnnxFaceMatcherFactory();
        FaceMatcher matcher = factory.load(Map.of(EmbeddingSettings.MODEL_PATH, args[0],
                EmbeddingSettings.MODEL_SHA256, args[1], EmbeddingSettings.PIXEL_MEAN, "127",
                EmbeddingSettings.PIXEL_SCALE, "128")::get);
        OnnxFaceMatcher onnx = (OnnxFaceMatcher) matcher;
        try (FaceAnalysis analysis = FaceAnalysis.load()) {
            FaceLocator locator = new FaceLocator(analysis);
            List<SamplePhotos.Person> people = SamplePhotos.people(locator);
            List<CapturedFrame> frames = List.of();
            // A person who looks straight enough for every frame to count, as in a real check.
            for (SamplePhotos.Person person : people) {
                frames = check(person);
                if (matcher.probe(frames, 320, 240) instanceof Probe.Template live && live.frames() == 4) {
                    break;
                }
            }
            LocatedFace face = locator.locate(frames.get(0), SamplePhotos.WIDTH, SamplePhotos.HEIGHT).orElseThrow();
            EmbeddingSettings settings = EmbeddingSettings.read(Map.of(EmbeddingSettings.MODEL_PATH, args[0],
                    EmbeddingSettings.MODEL_SHA256, args[1], EmbeddingSettings.PIXEL_MEAN, "127",
                    EmbeddingSettings.PIXEL_SCALE, "128")::get);
            FaceTemplate reference = onnx.template(face);
            int sink = 0;
            for (int i = 0; i < WARM_UP; i++) {
                sink += locator.locate(frames.get(i % frames.size()), 320, 240).isPresent() ? 1 : 0;
                sink += onnx.template(face).dimension();
                sink += matcher.probe(frames, 320, 240) instanceof Probe.Template ? 1 : 0;
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < MEASURED; i++) {
                sink += locator.locate(frames.get(i % frames.size()), 320, 240).isPresent() ? 1 : 0;
            }
            long located = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < MEASURED; i++) {
                sink += FaceAlignment.align(face, settings).length;
            }
            long aligned = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < MEASURED; i++) {
                sink += onnx.template(face).dimension();
            }
            long embedded = threads.getCurrentThreadCpuTime();
            int compared = 0;
            for (int i = 0; i < MEASURED / 10; i++) {
                if (matcher.probe(frames, 320, 240) instanceof Probe.Template live) {
                    compared += reference.similarityBasisPoints(live.template()) > 0 ? 1 : 0;
                }
            }
            long probed = threads.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "per frame CPU: locate (decode + BlazeFace) %.1f ms, align %.2f ms, "
                            + "align + embed %.1f ms; per check of %d frames: probe %.0f ms (sink %d, %d)%n",
                    millis(located - start, MEASURED), millis(aligned - located, MEASURED),
                    millis(embedded - aligned, MEASURED), FRAMES_PER_CHECK, millis(probed - embedded, MEASURED / 10),
                    sink, compared);
        } finally {
            factory.close();
        }
    }

    private static List<CapturedFrame> check(SamplePhotos.Person person) {
        List<CapturedFrame> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES_PER_CHECK; i++) {
            frames.add(CapturedFrame.of(SamplePhotos.capture(person, 0.14 + 0.003 * i, 0.01 * (i % 3), 1.0, 0.8f,
                    false), i * 400L));
        }
        return frames;
    }

    private static double millis(long nanos, int count) {
        return nanos / 1e6 / count;
    }
}

package dev.deepfakeguard.keycloak.benchmarks;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import dev.deepfakeguard.keycloak.scoring.ScoringRequest;
import dev.deepfakeguard.keycloak.scoring.embedded.EmbeddedScorer;
import dev.deepfakeguard.keycloak.scoring.embedded.FaceAnalysis;
import dev.deepfakeguard.keycloak.testing.InMemoryReplayStore;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The embedded scorer's whole decision on one submission (11 frames of 320×240 JPEG: decode, noise pass, face
 * detection with BlazeFace through ONNX Runtime, face rules, head turn, reflection, light on face vs background,
 * injection signals, fingerprints) against the floor: decoding the same 11 frames with ImageIO and nothing else.
 * Target: decision ≤ 3 × decodeOnly.
 *
 * <p>One thread, so average time per operation is also the CPU time per operation (nothing in either method
 * blocks or waits). Run: {@code java -jar benchmarks/target/benchmarks.jar EmbeddedScorerBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class EmbeddedScorerBenchmark {

    private List<CapturedFrame> frames;
    private ScoringRequest request;
    private EmbeddedScorer scorer;
    private FaceAnalysis faces;

    @Setup
    public void setUp() {
        Challenge challenge = SyntheticFrames.challenge(7);
        frames = SyntheticFrames.following(challenge, 7);
        request = SyntheticFrames.request(challenge, frames, SyntheticFrames.WEBCAM_LABEL);
        // A store that never remembers: the same frames are scored again and again without becoming replays.
        faces = FaceAnalysis.load();
        scorer = new EmbeddedScorer(InMemoryReplayStore.forgetful(), faces);
        ScoreResult check = scorer.score(request);
        if (check.livenessScore() < 8_500) {
            throw new IllegalStateException("benchmark frames are not scored as live: " + check);
        }
    }

    @TearDown
    public void tearDown() {
        faces.close();
    }

    /** The floor: the same decode path the scorer uses (JPEG reader, in-memory stream), nothing else. */
    @Benchmark
    public void decodeOnly(Blackhole blackhole) throws IOException {
        decodeAll(blackhole::consume);
    }

    /** Everything the scorer does for one submission. */
    @Benchmark
    public ScoreResult decision() {
        return scorer.score(request);
    }

    void decodeAll(Consumer<BufferedImage> sink) throws IOException {
        for (CapturedFrame frame : frames) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
            try (ImageInputStream in = new MemoryCacheImageInputStream(frame.openStream())) {
                reader.setInput(in, true, true);
                sink.accept(reader.read(0));
            } finally {
                reader.dispose();
            }
        }
    }
}

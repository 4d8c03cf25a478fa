package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.testing.InMemoryReplayStore;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;
import org.junit.jupiter.api.Test;

import java.util.List;

class ScratchProbeTest {
    @Test
    void probe() {
        for (long seed = 1; seed <= 12; seed++) {
            Challenge c = SyntheticFrames.challenge(seed);
            for (String kind : List.of("following", "notFollowing", "constant", "fake")) {
                List<CapturedFrame> frames = switch (kind) {
                    case "following" -> SyntheticFrames.following(c, seed);
                    case "notFollowing" -> SyntheticFrames.notFollowing(c, seed);
                    case "constant" -> SyntheticFrames.constant(c, seed);
                    default -> SyntheticFrames.flatFakeCamera(c, seed);
                };
                FrameAnalyzer a = new FrameAnalyzer(320, 240);
                List<FrameStats> stats = frames.stream().map(f -> a.analyze(f).orElseThrow()).toList();
                var refl = ReflectionCorrelation.measure(stats, c.colours());
                var r = new EmbeddedScorer(new InMemoryReplayStore()).score(SyntheticFrames.request(c, frames,
                        kind.equals("fake") ? "fake_device_0" : "Integrated Webcam"));
                System.out.printf("seed %d %-12s r=%.3f amp=%.2f noise=%.2f size=%d -> %d/%d %s%n", seed, kind,
                        refl.correlation(), refl.amplitude(), stats.get(0).noise(), frames.get(0).size(),
                        r.livenessScore(), r.syntheticScore(), r.reasonCodes());
            }
        }
    }
}

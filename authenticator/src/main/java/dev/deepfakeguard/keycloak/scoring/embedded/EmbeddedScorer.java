package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.ClientSignals;
import dev.deepfakeguard.keycloak.scoring.LivenessScorer;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import dev.deepfakeguard.keycloak.scoring.ScoringRequest;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The vendor-free scorer: screen-light reflection, replay fingerprints and injection signals, all computed here from
 * one decode per frame. Never throws for bad media: such submissions complete with liveness 0.
 */
public final class EmbeddedScorer implements LivenessScorer {

    public static final String MODEL_VERSION = "reflection-1";
    /** Reason code of this scorer: the cluster-wide replay store could not be reached. */
    public static final String REPLAY_CHECK_UNAVAILABLE = "replay_check_unavailable";

    /** The frame size the liveness page captures; used when the page did not report one. */
    static final int DEFAULT_WIDTH = 320;
    static final int DEFAULT_HEIGHT = 240;
    /** Larger frames are refused before decoding: the page never sends them, and they only cost CPU. */
    static final int MAX_WIDTH = 640;
    static final int MAX_HEIGHT = 480;

    private static final Logger LOG = Logger.getLogger(EmbeddedScorer.class);
    private static final int FULL = ScoreResult.MAX_BASIS_POINTS;

    private final ReplayStore replayStore;

    public EmbeddedScorer(ReplayStore replayStore) {
        if (replayStore == null) {
            throw new IllegalArgumentException("replay store required");
        }
        this.replayStore = replayStore;
    }

    @Override
    public ScoreResult score(ScoringRequest request) {
        List<CapturedFrame> frames = request.frames();
        Optional<List<FrameStats>> analysed = frames.size() == request.challenge().colours().size()
                ? analyse(frames, request.signals()) : Optional.empty();
        if (analysed.isEmpty()) {
            LOG.debugf("request %s: frames undecodable or not one per step", request.requestId());
            return result(0, 0, List.of(ReasonCodes.UNDECODABLE_MEDIA));
        }
        List<FrameStats> stats = analysed.get();

        List<InjectionSignals.Finding> findings = InjectionSignals.assess(request.signals().deviceLabel(),
                request.challenge(), captureTimes(frames), stats, request.elapsedMillis());
        List<String> reasons = new ArrayList<>();
        // Checked only now, after the media was found decodable, and recorded in the same atomic step.
        Optional<Boolean> replay = replayCheck(request.realmId(), ReplayFingerprints.of(frames));
        if (replay.isEmpty()) {
            LOG.warnf("request %s: replay store unavailable, no verdict", request.requestId());
            return ScoreResult.unavailable(EmbeddedScorerFactory.PROVIDER_ID, REPLAY_CHECK_UNAVAILABLE);
        }
        if (replay.get()) {
            reasons.add(ReasonCodes.REPLAYED_MEDIA);
            findings.forEach(finding -> reasons.add(finding.reasonCode()));
            return logged(request, result(0, FULL, reasons));
        }

        ReflectionCorrelation.Reflection reflection = ReflectionCorrelation.measure(stats,
                request.challenge().colours());
        int reflectionLiveness = reflection.livenessBasisPoints();
        int synthetic = SyntheticScore.combine(reflectionLiveness, findings);
        // Evidence of manipulation caps liveness: a perfect reflection through a virtual camera is still a fake.
        int liveness = Math.min(reflectionLiveness, FULL - synthetic);
        reasons.add(reflection.reasonCode());
        findings.forEach(finding -> reasons.add(finding.reasonCode()));
        return logged(request, result(liveness, synthetic, reasons));
    }

    private static Optional<List<FrameStats>> analyse(List<CapturedFrame> frames, ClientSignals signals) {
        boolean reported = signals.width() > 0 && signals.height() > 0;
        int width = reported ? signals.width() : DEFAULT_WIDTH;
        int height = reported ? signals.height() : DEFAULT_HEIGHT;
        if (width > MAX_WIDTH || height > MAX_HEIGHT || width < FramePass.MIN_WIDTH
                || height < FramePass.MIN_HEIGHT) {
            return Optional.empty();
        }
        FrameAnalyzer analyzer = new FrameAnalyzer(width, height);
        List<FrameStats> stats = new ArrayList<>(frames.size());
        for (CapturedFrame frame : frames) {
            Optional<FrameStats> frameStats = analyzer.analyze(frame);
            if (frameStats.isEmpty()) {
                return Optional.empty();
            }
            stats.add(frameStats.get());
        }
        return Optional.of(stats);
    }

    /**
     * Every fingerprint is recorded, even after a hit, so that a partial replay also burns its new frames. Empty when
     * the store fails: without the replay check there is no verdict, and the policy's fallback applies.
     */
    private Optional<Boolean> replayCheck(String realmId, List<String> fingerprints) {
        boolean seen = false;
        try {
            for (String fingerprint : fingerprints) {
                seen |= !replayStore.remember(realmId, fingerprint);
            }
        } catch (RuntimeException e) {
            LOG.debug("replay store failed", e);
            return Optional.empty();
        }
        return Optional.of(seen);
    }

    private static long[] captureTimes(List<CapturedFrame> frames) {
        return frames.stream().mapToLong(CapturedFrame::capturedAtMillis).toArray();
    }

    private static ScoreResult result(int liveness, int synthetic, List<String> reasons) {
        return ScoreResult.completed(liveness, synthetic, EmbeddedScorerFactory.PROVIDER_ID, MODEL_VERSION, reasons);
    }

    private static ScoreResult logged(ScoringRequest request, ScoreResult result) {
        // Scores and reason codes only: frames and client labels stay out of the log.
        LOG.debugf("request %s: liveness %d, synthetic %d, reasons %s", request.requestId(), result.livenessScore(),
                result.syntheticScore(), result.reasonCodes());
        return result;
    }
}

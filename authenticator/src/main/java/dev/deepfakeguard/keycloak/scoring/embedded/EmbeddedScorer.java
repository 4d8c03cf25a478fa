package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.Challenge;
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
 * The vendor-free scorer. Per frame, one JPEG decode, one noise pass and one face detection; then: exactly one face
 * in the guide oval in every frame, the head following the turn prompts in time, the screen's colour script reflected
 * by the skin in the face box, more on the face than on the background, replay fingerprints and injection signals.
 * Never throws for bad media: such submissions complete with liveness 0. A face-model fault makes the result
 * unavailable, so the policy's fallback (never an allow) decides.
 */
public final class EmbeddedScorer implements LivenessScorer {

    /** Version of the rules in this class; the face model's own version is appended (see {@link #modelVersion}). */
    public static final String RULES_VERSION = "face-1";
    /** Reason code of this scorer: the cluster-wide replay store could not be reached. */
    public static final String REPLAY_CHECK_UNAVAILABLE = "replay_check_unavailable";
    /** Reason code of this scorer: the face model is not loaded (see the start-up log). */
    public static final String FACE_MODEL_UNAVAILABLE = FaceModelException.UNAVAILABLE;
    /** Reason code of this scorer: an inference failed. */
    public static final String FACE_DETECTION_FAILED = FaceModelException.FAILED;

    /** The frame size the liveness page captures; used when the page did not report one. */
    static final int DEFAULT_WIDTH = 320;
    static final int DEFAULT_HEIGHT = 240;
    /** Larger frames are refused before decoding: the page never sends them, and they only cost CPU. */
    static final int MAX_WIDTH = 640;
    static final int MAX_HEIGHT = 480;
    /** The synthetic score a uniform tint justifies on its own: enough to deny at the default threshold. */
    static final int UNIFORM_TINT_SCORE = 6_000;

    private static final Logger LOG = Logger.getLogger(EmbeddedScorer.class);
    private static final int FULL = ScoreResult.MAX_BASIS_POINTS;

    private final ReplayStore replayStore;
    private final FaceAnalysis faces;

    public EmbeddedScorer(ReplayStore replayStore, FaceAnalysis faces) {
        if (replayStore == null || faces == null) {
            throw new IllegalArgumentException("replay store and face analysis required");
        }
        this.replayStore = replayStore;
        this.faces = faces;
    }

    /** Rules and model together, e.g. {@code face-1+blazeface128-d388b1cf8a5f6f1a}: what every event records. */
    public String modelVersion() {
        return RULES_VERSION + "+" + faces.modelVersion();
    }

    @Override
    public ScoreResult score(ScoringRequest request) {
        Optional<FaceDetector> detector = faces.detector();
        if (detector.isEmpty()) {
            return ScoreResult.unavailable(EmbeddedScorerFactory.PROVIDER_ID,
                    faces.unavailableReason().orElse(FACE_MODEL_UNAVAILABLE));
        }
        List<CapturedFrame> frames = request.frames();
        Optional<List<FrameStats>> analysed;
        try {
            analysed = frames.size() == request.challenge().steps()
                    ? analyse(frames, request.signals(), detector.get()) : Optional.empty();
        } catch (FaceModelException e) {
            LOG.errorf("request %s: %s; no verdict", request.requestId(), e.getMessage());
            return ScoreResult.unavailable(EmbeddedScorerFactory.PROVIDER_ID, e.reasonCode());
        }
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

        List<String> faceProblems = FaceRules.violations(stats);
        if (!faceProblems.isEmpty()) {
            // Nothing about a person can be measured; what the injection signals say still counts.
            reasons.addAll(faceProblems);
            findings.forEach(finding -> reasons.add(finding.reasonCode()));
            return logged(request, result(0, SyntheticScore.combine(FULL, findings), reasons));
        }
        return logged(request, scoreFace(request.challenge(), stats, findings, reasons));
    }

    /** Every frame has exactly one face in the oval: head turn, reflection on the skin, light on face vs background. */
    private ScoreResult scoreFace(Challenge challenge, List<FrameStats> stats, List<InjectionSignals.Finding> findings,
                                  List<String> reasons) {
        List<Rgb> skin = new ArrayList<>(stats.size());
        List<Rgb> background = new ArrayList<>(stats.size());
        double[] yaws = new double[stats.size()];
        for (int i = 0; i < stats.size(); i++) {
            FrameStats frame = stats.get(i);
            yaws[i] = frame.onlyFace().orElseThrow().yaw(frame.aspect());
            skin.add(frame.face().orElseThrow());
            frame.background().ifPresent(background::add);
        }
        ReflectionCorrelation.Reflection reflection = ReflectionCorrelation.measure(skin, challenge.colours());
        List<String> turn = HeadTurn.assess(yaws, challenge.poses());
        boolean followed = turn.isEmpty() || turn.contains(ReasonCodes.HEAD_TURN_FOLLOWED);
        if (background.size() == stats.size()
                && LightOnFace.measure(skin, background, challenge.colours()).isTint()) {
            findings.add(new InjectionSignals.Finding(ReasonCodes.UNIFORM_TINT, UNIFORM_TINT_SCORE));
        }
        int reflectionLiveness = reflection.livenessBasisPoints();
        int synthetic = SyntheticScore.combine(reflectionLiveness, findings);
        // A face that does not follow the prompts is not answering this challenge, however well it reflects.
        // Evidence of manipulation caps liveness: a perfect reflection through a virtual camera is still a fake.
        int liveness = followed ? Math.min(reflectionLiveness, FULL - synthetic) : 0;
        reasons.add(reflection.reasonCode());
        reasons.addAll(turn);
        findings.forEach(finding -> reasons.add(finding.reasonCode()));
        return result(liveness, synthetic, reasons);
    }

    private static Optional<List<FrameStats>> analyse(List<CapturedFrame> frames, ClientSignals signals,
                                                      FaceDetector detector) throws FaceModelException {
        boolean reported = signals.width() > 0 && signals.height() > 0;
        int width = reported ? signals.width() : DEFAULT_WIDTH;
        int height = reported ? signals.height() : DEFAULT_HEIGHT;
        if (width > MAX_WIDTH || height > MAX_HEIGHT || width < FramePass.MIN_WIDTH
                || height < FramePass.MIN_HEIGHT) {
            return Optional.empty();
        }
        FrameAnalyzer analyzer = new FrameAnalyzer(width, height, detector);
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

    private ScoreResult result(int liveness, int synthetic, List<String> reasons) {
        return ScoreResult.completed(liveness, synthetic, EmbeddedScorerFactory.PROVIDER_ID, modelVersion(),
                reasons.stream().distinct().toList());
    }

    private static ScoreResult logged(ScoringRequest request, ScoreResult result) {
        // Scores and reason codes only: frames and client labels stay out of the log.
        LOG.debugf("request %s: liveness %d, synthetic %d, reasons %s", request.requestId(), result.livenessScore(),
                result.syntheticScore(), result.reasonCodes());
        return result;
    }
}

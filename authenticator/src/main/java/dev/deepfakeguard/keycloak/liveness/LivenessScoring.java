package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.contract.UserFlags;
import dev.deepfakeguard.keycloak.metrics.LivenessMeters;
import dev.deepfakeguard.keycloak.policy.Verdict;
import dev.deepfakeguard.keycloak.scoring.LivenessScorer;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import dev.deepfakeguard.keycloak.scoring.ScoringRequest;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;

import java.time.Clock;
import java.util.Optional;
import java.time.Duration;
import java.util.UUID;

/**
 * Calls the configured scorer and applies the policy. Any fault of the scorer — missing provider, exception, no
 * verdict — becomes the policy's fallback, which can never allow.
 */
final class LivenessScoring {

    private static final Logger LOG = Logger.getLogger(LivenessScoring.class);
    private static final String NO_SCORER = "none";
    private static final String SCORER_FAULT = "scorer_fault";

    private final Clock clock;
    private final LivenessMeters meters;

    LivenessScoring(Clock clock, LivenessMeters meters) {
        this.clock = clock;
        this.meters = meters;
    }

    Verdict score(AuthenticationFlowContext context, LivenessConfig config, Challenge challenge,
                  Submission submission) {
        Optional<String> subject = SubjectPseudonyms.of(context.getSession(), context.getRealm(),
                context.getUser().getId());
        if (subject.isEmpty()) {
            // Logged where it failed; a scorer must never be asked about an unnamed or a wrongly named subject.
            return config.policy().decide(ScoreResult.unavailable(config.scorerId(), SCORER_FAULT));
        }
        ScoringRequest request = new ScoringRequest(UUID.randomUUID().toString(), context.getRealm().getId(),
                subject.get(), config.flow(), challenge,
                submission.frames(), submission.signals(), clock.millis() - challenge.issuedAtMillis(),
                config.scorerSettings(),
                Optional.ofNullable(context.getUser().getFirstAttribute(UserFlags.VENDOR_FACE_ID)));
        long started = System.nanoTime();
        ScoreResult result = callScorer(context, config.scorerId(), request);
        meters.scored(config.scorerId(), result.isCompleted(), Duration.ofNanos(System.nanoTime() - started));
        return config.policy().decide(result);
    }

    /** No camera, no permission or no support: no verdict is possible, so the fallback decides. */
    Verdict noCamera(LivenessConfig config) {
        return config.policy().decide(ScoreResult.unavailable(NO_SCORER, ReasonCodes.CAMERA_UNAVAILABLE));
    }

    private static ScoreResult callScorer(AuthenticationFlowContext context, String scorerId, ScoringRequest request) {
        LivenessScorer scorer;
        try {
            scorer = context.getSession().getProvider(LivenessScorer.class, scorerId);
        } catch (RuntimeException e) {
            scorer = null;
        }
        if (scorer == null) {
            LOG.errorf("Deepfake Guard scorer '%s' is not installed; realm %s falls back", scorerId,
                    context.getRealm().getName());
            return ScoreResult.unavailable(scorerId, "scorer_not_installed");
        }
        try {
            ScoreResult result = scorer.score(request);
            return result == null ? ScoreResult.unavailable(scorerId, SCORER_FAULT) : result;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Deepfake Guard scorer '%s' failed on request %s; falling back", scorerId,
                    request.requestId());
            return ScoreResult.unavailable(scorerId, SCORER_FAULT);
        }
    }
}

package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.challenge.ChallengeIssuer;
import dev.deepfakeguard.keycloak.contract.Attempts;
import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.LivenessForm;
import dev.deepfakeguard.keycloak.contract.LivenessNotes;
import dev.deepfakeguard.keycloak.contract.Messages;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.lockout.LockoutLookup;
import dev.deepfakeguard.keycloak.metrics.LivenessMeters;
import dev.deepfakeguard.keycloak.policy.Verdict;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import dev.deepfakeguard.keycloak.flow.UserStep;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Clock;

/**
 * The liveness step: issues a challenge, admits the answer, has it scored and applies the policy. Every way out of
 * {@link #action} that is not ALLOW or STEP_UP emits an error event and shows a user-safe page; nothing here can
 * let a person through because something failed.
 */
final class LivenessAuthenticator implements UserStep {

    private static final Logger LOG = Logger.getLogger(LivenessAuthenticator.class);

    private final ChallengeIssuer issuer;
    private final ChallengeGate gate;
    private final SubmissionReader reader;
    private final LivenessScoring scoring;
    private final DecisionRecorder recorder;
    private final LockoutLookup lockout;
    private final Clock clock;
    private final LivenessMeters meters;

    LivenessAuthenticator(ChallengeIssuer issuer, LivenessScoring scoring, LockoutLookup lockout, Clock clock,
                          LivenessMeters meters) {
        this.meters = meters;
        this.issuer = issuer;
        this.gate = new ChallengeGate(clock);
        this.reader = new SubmissionReader();
        this.scoring = scoring;
        this.recorder = new DecisionRecorder(clock);
        this.lockout = lockout;
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        LivenessConfig config = configOrRefuse(context);
        if (config == null || refusedAsLocked(context, true)) {
            return;
        }
        Attempts attempts = LivenessNotes.attempts(context.getAuthenticationSession());
        if (attempts.exhausted(config.maxAttempts())) {
            context.forceChallenge(errorPage(context, Messages.ATTEMPTS_EXHAUSTED));
            return;
        }
        context.challenge(newChallengePage(context, config, attempts, null));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        LivenessConfig config = configOrRefuse(context);
        if (config == null || refusedAsLocked(context, false)) {
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        // Read once here and handed along: every later step of this request sees the same count.
        Attempts attempts = LivenessNotes.attempts(authSession);
        if (attempts.exhausted(config.maxAttempts())) {
            context.forceChallenge(errorPage(context, Messages.ATTEMPTS_EXHAUSTED));
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String action = form.getFirst(LivenessForm.ACTION);
        if (LivenessForm.ACTION_NO_CAMERA.equals(action)) {
            gate.withdraw(authSession);
            apply(context, config, attempts, null, scoring.noCamera(config));
            return;
        }
        if (!LivenessForm.ACTION_SUBMIT.equals(action) || !LivenessForm.CONSENT_GIVEN.equals(
                form.getFirst(LivenessForm.CONSENT))) {
            // Nothing is analysed without consent; this is not a failed attempt.
            context.challenge(newChallengePage(context, config, attempts, Messages.CONSENT_REQUIRED));
            return;
        }
        Challenge challenge;
        Submission submission;
        try {
            challenge = gate.consume(authSession, form, context.getSession().singleUseObjects());
            submission = reader.read(form, challenge);
        } catch (RejectedSubmission rejected) {
            reject(context, config, attempts, rejected);
            return;
        }
        Verdict verdict = scoring.score(context, config, challenge, submission);
        apply(context, config, attempts, challenge, FaceCheck.apply(context, config, submission, verdict));
    }

    private void apply(AuthenticationFlowContext context, LivenessConfig config, Attempts attempts,
                       Challenge challenge, Verdict verdict) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (verdict.decision() == Decision.STEP_UP && !StepUpRoute.holds(context, verdict)) {
            verdict = verdict.denied(ReasonCodes.STEP_UP_UNAVAILABLE);
        }
        int attempt = attempts.current();
        recorder.details(context.getEvent().user(context.getUser()), authSession, config, challenge, verdict, attempt);
        // Scoring takes time; failures of concurrent attempts may have locked the user or source meanwhile.
        if (verdict.decision() != Decision.DENY && refusedAsLocked(context, true)) {
            meters.denied(context.getRealm().getName(), config.flow(), ReasonCodes.ACCOUNT_LOCKED);
            return;
        }
        meters.decided(context.getRealm().getName(), config.flow(), verdict);
        if (verdict.decision() != Decision.DENY) {
            LOG.debugf("Liveness %s for user %s in realm %s (reasons %s)", verdict.decision().value(),
                    context.getUser().getId(), context.getRealm().getName(), verdict.reasonList());
            recorder.notes(authSession, verdict);
            recorder.keepDetails(authSession, config, challenge, verdict, attempt);
            context.success();
            return;
        }
        LOG.infof("Liveness denied for user %s in realm %s: %s (reasons %s)", context.getUser().getId(),
                context.getRealm().getName(), verdict.eventError(), verdict.reasonList());
        failAttempt(context, config, attempts, verdict.eventError(), Guidance.messageFor(verdict));
    }

    private void reject(AuthenticationFlowContext context, LivenessConfig config, Attempts attempts,
                        RejectedSubmission rejected) {
        boolean challengeProblem = rejected.kind() == RejectedSubmission.Kind.CHALLENGE;
        LOG.infof("Liveness submission rejected for user %s in realm %s: %s (%s)", context.getUser().getId(),
                context.getRealm().getName(), rejected.reasonCode(), rejected.getMessage());
        meters.denied(context.getRealm().getName(), config.flow(), rejected.reasonCode());
        context.getEvent().user(context.getUser())
                .detail(EventDetails.DECISION, Decision.DENY.value())
                .detail(EventDetails.REASONS, rejected.reasonCode())
                .detail(EventDetails.FLOW, config.flow().value())
                .detail(EventDetails.ATTEMPT, Integer.toString(attempts.current()));
        failAttempt(context, config, attempts,
                challengeProblem ? EventErrors.LIVENESS_CHALLENGE_INVALID : EventErrors.LIVENESS_SUBMISSION_INVALID,
                challengeProblem ? Messages.CHALLENGE_INVALID : Messages.SUBMISSION_INVALID);
    }

    /** Counts the attempt; shows a fresh challenge while attempts remain, the final page once they are used. */
    private void failAttempt(AuthenticationFlowContext context, LivenessConfig config, Attempts attempts,
                             String error, String message) {
        Attempts after = LivenessNotes.recordFailedAttempt(context.getAuthenticationSession(), attempts);
        if (after.exhausted(config.maxAttempts())) {
            context.getEvent().error(EventErrors.LIVENESS_ATTEMPTS_EXHAUSTED);
            // forceChallenge, not failure(): failure() would add a second, misleading invalid_user_credentials event.
            context.forceChallenge(errorPage(context, Messages.ATTEMPTS_EXHAUSTED));
            return;
        }
        context.getEvent().error(error);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                newChallengePage(context, config, after, message));
    }

    private Response newChallengePage(AuthenticationFlowContext context, LivenessConfig config, Attempts attempts,
                                      String errorKey) {
        Challenge challenge = issuer.issue(config.challengeTtl());
        gate.open(context.getAuthenticationSession(), challenge);
        var form = context.form().setAttribute(LivenessForm.PAGE_BEAN, new LivenessPageBean(challenge, clock.millis(),
                attempts.current(), config.maxAttempts(), config.analysedBy()));
        if (errorKey != null) {
            form.setError(errorKey);
        }
        return form.createForm(LivenessForm.TEMPLATE);
    }

    private Response errorPage(AuthenticationFlowContext context, String messageKey) {
        return context.form().setError(messageKey).createErrorPage(Response.Status.FORBIDDEN);
    }

    private LivenessConfig configOrRefuse(AuthenticationFlowContext context) {
        AuthenticationExecutionModel step = context.getExecution();
        if (step != null && step.isAlternative()) {
            // The factory offers only REQUIRED and DISABLED, but an import or the admin API can still set this.
            return refuseConfig(context, ReasonCodes.LIVENESS_NOT_REQUIRED, "the step is ALTERNATIVE, so another "
                    + "branch of its flow could skip it; make it REQUIRED");
        }
        try {
            return LivenessConfig.from(context.getAuthenticatorConfig());
        } catch (LivenessConfig.InvalidConfigException e) {
            return refuseConfig(context, "config_invalid", e.getMessage());
        }
    }

    private LivenessConfig refuseConfig(AuthenticationFlowContext context, String reason, String why) {
        LOG.errorf("Deepfake Guard liveness step in realm %s refuses every sign-in until its configuration is fixed: "
                + "%s", context.getRealm().getName(), why);
        context.getEvent().user(context.getUser()).detail(EventDetails.REASONS, reason)
                .error(EventErrors.LIVENESS_CONFIG_INVALID);
        context.forceChallenge(errorPage(context, Messages.LOCKED));
        return null;
    }

    /** @param nothingSlowFollows true where no scorer is called before the request ends (see {@link LockoutLookup}) */
    private boolean refusedAsLocked(AuthenticationFlowContext context, boolean nothingSlowFollows) {
        UserModel user = context.getUser();
        String source = context.getConnection() == null ? null : context.getConnection().getRemoteAddr();
        boolean locked = nothingSlowFollows
                ? lockout.isLockedInRequest(context.getSession(), context.getRealm(), user, source)
                : lockout.isLocked(context.getSession(), context.getRealm(), user, source);
        if (!locked) {
            return false;
        }
        LOG.infof("Deepfake Guard lock refuses user %s in realm %s", user == null ? "-" : user.getId(),
                context.getRealm().getName());
        context.getEvent().user(user).detail(EventDetails.DECISION, Decision.DENY.value())
                .detail(EventDetails.REASONS, ReasonCodes.ACCOUNT_LOCKED).error(EventErrors.LIVENESS_LOCKED);
        // The same page as for any other refusal: the person learns nothing about locks or thresholds.
        context.forceChallenge(errorPage(context, Messages.LOCKED));
        return true;
    }
}

package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.detail;
import static dev.deepfakeguard.keycloak.it.support.Events.reasons;
import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static dev.deepfakeguard.keycloak.it.support.UserSafe.assertUserSafe;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.LivenessForm;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.testing.HostileJpegs;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * Submissions that do not answer the open challenge properly. Each must be refused with a specific error, cost an
 * attempt and leave the person on a user-safe page with a fresh challenge.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionValidationIT {

    private static final int CHALLENGE_TTL_SECONDS = 5;
    /** Size fields that pages used to post; a hostile page still may, and the server must ignore them. */
    private static final String REPORTED_WIDTH = "dfg_frame_width";
    private static final String REPORTED_HEIGHT = "dfg_frame_height";
    /** A 64 KiB progressive 640×480 JPEG with thousands of scans: seconds of CPU for an image decoder. */
    private static final String HOSTILE_FRAME = Base64.getEncoder().encodeToString(HostileJpegs.progressiveManyScans());

    private final KeycloakServer server;
    private final AdminClient admin;
    private ManagedRealm realm;
    private ManagedRealm shortLivedRealm;

    SubmissionValidationIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void createRealms() {
        realm = admin.createRealm(RealmBuilder.named("dfg-validation")
                .liveness(LivenessConfigKeys.MAX_ATTEMPTS, 5).build());
        shortLivedRealm = admin.createRealm(RealmBuilder.named("dfg-ttl")
                .liveness(LivenessConfigKeys.CHALLENGE_TTL_SECONDS, CHALLENGE_TTL_SECONDS).build());
    }

    @AfterAll
    void deleteRealms() {
        realm.close();
        shortLivedRealm.close();
    }

    static Stream<Arguments> brokenSubmissions() {
        return Stream.of(
                broken("a frame above the size cap", s -> s, 0, EventErrors.LIVENESS_SUBMISSION_INVALID,
                        ReasonCodes.SUBMISSION_TOO_LARGE),
                broken("a frame that is not base64", s -> s.nonBase64Frame(2), -1,
                        EventErrors.LIVENESS_SUBMISSION_INVALID, ReasonCodes.SUBMISSION_MALFORMED),
                broken("a frame that is not a JPEG", s -> s.nonJpegFrame(1), -1,
                        EventErrors.LIVENESS_SUBMISSION_INVALID, ReasonCodes.SUBMISSION_MALFORMED),
                broken("a progressive frame with thousands of scans, reported as 640x480",
                        s -> s.frame(0, HOSTILE_FRAME).with(REPORTED_WIDTH, "640").with(REPORTED_HEIGHT, "480"), -1,
                        EventErrors.LIVENESS_SUBMISSION_INVALID, ReasonCodes.FRAME_NOT_BASELINE),
                broken("frames of 18x16, reported as 18x16", SubmissionValidationIT::tinyFrames, -1,
                        EventErrors.LIVENESS_SUBMISSION_INVALID, ReasonCodes.FRAME_SIZE_MISMATCH),
                broken("a missing frame", s -> s.without(LivenessForm.frameField(3)), -1,
                        EventErrors.LIVENESS_SUBMISSION_INVALID, ReasonCodes.SUBMISSION_MALFORMED),
                broken("missing frame times", s -> s.without(LivenessForm.FRAME_TIMES), -1,
                        EventErrors.LIVENESS_SUBMISSION_INVALID, ReasonCodes.SUBMISSION_MALFORMED),
                broken("a missing nonce", s -> s.without(LivenessForm.NONCE), -1,
                        EventErrors.LIVENESS_CHALLENGE_INVALID, ReasonCodes.CHALLENGE_MISMATCH),
                broken("a missing challenge id", s -> s.without(LivenessForm.CHALLENGE_ID), -1,
                        EventErrors.LIVENESS_CHALLENGE_INVALID, ReasonCodes.CHALLENGE_MISMATCH),
                broken("a wrong nonce", s -> s.with(LivenessForm.NONCE, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), -1,
                        EventErrors.LIVENESS_CHALLENGE_INVALID, ReasonCodes.CHALLENGE_MISMATCH));
    }

    /** Every frame replaced by an 18×16 JPEG, and the page claiming that size: what is analysed must not shrink. */
    private static Submission tinyFrames(Submission submission) {
        String tiny = Base64.getEncoder().encodeToString(HostileJpegs.baseline(18, 16));
        Submission changed = submission.with(REPORTED_WIDTH, "18").with(REPORTED_HEIGHT, "16");
        for (int i = 0; submission.fields().containsKey(LivenessForm.frameField(i)); i++) {
            changed = changed.frame(i, tiny);
        }
        return changed;
    }

    /** {@code oversizeFrame} ≥ 0 replaces that frame by one above the page's own cap, known only per page. */
    private static Arguments broken(String what, UnaryOperator<Submission> breakIt, int oversizeFrame,
                                    String error, String reason) {
        return Arguments.of(what, breakIt, oversizeFrame, error, reason);
    }

    @ParameterizedTest(name = "Given {0}, then the submission is refused with {3} / {4}")
    @MethodSource("brokenSubmissions")
    void brokenSubmissionIsRefused(String what, UnaryOperator<Submission> breakIt, int oversizeFrame, String error,
                                   String reason) {
        LivenessPage liveness = new LoginDriver(server, realm.name()).openLiveness();
        Submission valid = Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 2001));
        Submission submission = breakIt.apply(oversizeFrame >= 0
                ? valid.oversizedFrame(oversizeFrame, liveness.maxFrameBytes()) : valid);
        long mark = System.currentTimeMillis();

        NextStep result = liveness.submitNow(submission);

        assertRefusedAsUsedAttempt(realm, liveness, result, mark, error, reason);
    }

    @Test
    @DisplayName("Given the same submission posted twice, then the second is refused because its nonce was "
            + "already used")
    void replayedNonceIsRefused() {
        LivenessPage liveness = new LoginDriver(server, realm.name()).openLiveness();
        Submission submission = Submission.of(liveness, SyntheticFrames.notFollowing(liveness.challenge(), 2002));
        LivenessPage retry = liveness.submit(submission).asLiveness();
        long mark = System.currentTimeMillis();

        NextStep result = retry.submitNow(submission);

        JsonNode event = assertRefusedAsUsedAttempt(realm, retry, result, mark,
                EventErrors.LIVENESS_CHALLENGE_INVALID, null);
        // Single use is enforced twice: the open challenge was replaced (mismatch) and the nonce is claimed
        // cluster-wide (replayed); which one answers depends on the order of the checks.
        assertThat(reasons(event)).containsAnyOf(ReasonCodes.NONCE_REPLAYED, ReasonCodes.CHALLENGE_MISMATCH);
    }

    @Test
    @DisplayName("Given a submission answering the challenge of another authentication session, then it is refused "
            + "as a challenge mismatch")
    void challengeOfAnotherSessionIsRefused() {
        LivenessPage mine = new LoginDriver(server, realm.name()).openLiveness();
        LivenessPage theirs = new LoginDriver(server, realm.name()).openLiveness();
        Submission theirAnswer = Submission.of(theirs, SyntheticFrames.following(theirs.challenge(), 2003));
        long mark = System.currentTimeMillis();

        NextStep result = mine.submit(theirAnswer);

        assertRefusedAsUsedAttempt(realm, mine, result, mark, EventErrors.LIVENESS_CHALLENGE_INVALID,
                ReasonCodes.CHALLENGE_MISMATCH);
    }

    @Test
    @DisplayName("Given a submission after the challenge expired, then it is refused as expired")
    void expiredChallengeIsRefused() {
        LivenessPage liveness = new LoginDriver(server, shortLivedRealm.name()).openLiveness();
        Submission submission = Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 2004));
        // The only way to let a challenge expire is to let its lifetime pass.
        Poll.pause(Duration.ofSeconds(CHALLENGE_TTL_SECONDS).plusSeconds(1));
        long mark = System.currentTimeMillis();

        NextStep result = liveness.submitNow(submission);

        assertRefusedAsUsedAttempt(shortLivedRealm, liveness, result, mark, EventErrors.LIVENESS_CHALLENGE_INVALID,
                ReasonCodes.CHALLENGE_EXPIRED);
    }

    @Test
    @DisplayName("Given frames without consent, then nothing is analysed, no attempt is used and the page asks for "
            + "consent")
    void missingConsentIsNotAnAttempt() {
        LivenessPage liveness = new LoginDriver(server, realm.name()).openLiveness();
        long mark = System.currentTimeMillis();

        Page result = liveness.submitNow(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 2005))
                .without(LivenessForm.CONSENT)).page();

        assertUserSafe(result);
        assertThat(result.isLivenessPage()).as(result.describe()).isTrue();
        assertThat(result.message()).as(result.describe()).isPresent();
        assertThat(realm.countEvents(EventType.LOGIN_ERROR.name(), since(mark))).isZero();
    }

    private static JsonNode assertRefusedAsUsedAttempt(ManagedRealm realm, LivenessPage before, NextStep step,
                                                       long mark, String error, String reason) {
        Page result = step.page();
        assertUserSafe(result);
        assertThat(result.isCodeRedirect()).as(result.describe()).isFalse();
        assertThat(result.isLivenessPage()).as("a fresh challenge: " + result.describe()).isTrue();
        assertThat(result.message()).as(result.describe()).isPresent();
        JsonNode event = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
        assertThat(event.path("error").asText()).as(event.toString()).isEqualTo(error);
        if (reason != null) {
            assertThat(reasons(event)).as(event.toString()).contains(reason);
        }
        int attempt = Integer.parseInt(detail(event, EventDetails.ATTEMPT));
        LivenessPage next = step.asLiveness();
        assertThat(next.challengeId()).isNotEqualTo(before.challengeId());
        assertThat(next.attemptText()).contains(Integer.toString(attempt + 1));
        return event;
    }
}

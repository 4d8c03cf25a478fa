package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.detail;
import static dev.deepfakeguard.keycloak.it.support.Events.reasons;
import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static dev.deepfakeguard.keycloak.it.support.UserSafe.assertUserSafe;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Consumer;
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

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.OtpDevice;
import dev.deepfakeguard.keycloak.it.support.OtpPage;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * The http scorer against a real scorer on loopback. Whatever the scorer does wrong, nobody is let in on its
 * account: the policy's fallback (step-up or deny) decides.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpScorerIT {

    /**
     * The stories that expect a verdict share these realms, so a healthy answer must arrive in time on a 2-core
     * machine that other builds keep busy (frames of a few hundred KiB go out, a GC pause may come in between); the
     * slow stand-in answers only after twice this.
     */
    private static final int CALL_TIMEOUT_MILLIS = 3000;
    private static final int MAX_RESPONSE_BYTES = 4096;

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final OtpDevice phone = new OtpDevice("dfg-http-it-authenticator-app", RealmBuilder.OTP_LOOK_AHEAD);
    /** Fallback step_up; the step-up sub-flow asks for the one-time code the user's app shows. */
    private ManagedRealm stepUpRealm;
    /** Fallback deny. */
    private ManagedRealm denyRealm;

    HttpScorerIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void createRealms() {
        stepUpRealm = admin.createRealm(httpRealm("dfg-http-stepup", Decision.STEP_UP).otp(phone).build());
        denyRealm = admin.createRealm(httpRealm("dfg-http-deny", Decision.DENY).build());
    }

    private RealmBuilder httpRealm(String prefix, Decision fallback) {
        return RealmBuilder.named(prefix)
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness(LivenessConfigKeys.FALLBACK, fallback.value())
                .liveness(HttpScorerConfig.URL, scorer.url())
                .liveness(HttpScorerConfig.CONNECT_TIMEOUT_MILLIS, CALL_TIMEOUT_MILLIS)
                .liveness(HttpScorerConfig.READ_TIMEOUT_MILLIS, CALL_TIMEOUT_MILLIS)
                .liveness(HttpScorerConfig.CALL_TIMEOUT_MILLIS, CALL_TIMEOUT_MILLIS)
                .liveness(HttpScorerConfig.MAX_RESPONSE_BYTES, MAX_RESPONSE_BYTES);
    }

    @AfterAll
    void cleanUp() {
        stepUpRealm.close();
        denyRealm.close();
        scorer.close();
    }

    static Stream<Arguments> faultyScorers() {
        return Stream.of(
                fault("answers after the call timeout", s -> s.slow(Duration.ofMillis(CALL_TIMEOUT_MILLIS * 2L))),
                fault("answers HTTP 500", s -> s.status(500)),
                fault("answers malformed JSON", s -> s.body("{\"state\":\"completed\",\"livenessScore\":96")),
                fault("answers more bytes than allowed", s -> s.oversized(MAX_RESPONSE_BYTES * 16)),
                fault("answers a liveness score above 10000", s -> s.scores(10_001, 100)),
                fault("answers a negative synthetic score", s -> s.scores(9600, -1)),
                fault("hangs up without answering", ScorerStandIn::hangUp));
    }

    private static Arguments fault(String what, Consumer<ScorerStandIn> behaviour) {
        return Arguments.of(what, behaviour);
    }

    @Test
    @DisplayName("Given the scorer answers live, then the login completes with an allow decision by the http scorer")
    void liveAnswerAllows() {
        scorer.live();
        LivenessPage liveness = new LoginDriver(server, stepUpRealm.name()).openLiveness();
        long mark = System.currentTimeMillis();

        Page result = liveness.submit(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 4001)))
                .page();

        assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
        JsonNode login = stepUpRealm.awaitEvent(EventType.LOGIN.name(), since(mark));
        assertThat(detail(login, EventDetails.DECISION)).isEqualTo(Decision.ALLOW.value());
        assertThat(detail(login, EventDetails.SCORER)).isEqualTo(LivenessConfigKeys.SCORER_HTTP);
        assertThat(detail(login, EventDetails.LIVENESS_SCORE)).isEqualTo("9600");
        assertThat(detail(login, EventDetails.CHALLENGE_ID)).isEqualTo(liveness.challengeId());
    }

    @Test
    @DisplayName("Given a score in the grey band, then the login is marked as step-up on the LOGIN event")
    void greyBandScoreIsMarkedStepUp() {
        scorer.scores(5000, 200);

        JsonNode login = loginMarkedStepUp(4002, true);

        assertThat(reasons(login)).contains(ReasonCodes.GREY_ZONE).doesNotContain(ReasonCodes.SCORER_UNAVAILABLE);
    }

    @Test
    @DisplayName("Given a score in the grey band, then no code is issued before the person passes the second factor")
    void greyBandScoreDemandsSecondFactor() {
        scorer.scores(5000, 200);
        LivenessPage liveness = new LoginDriver(server, stepUpRealm.name()).openLiveness();
        NextStep afterLiveness = liveness.submit(
                Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 4005)));
        assertThat(afterLiveness.page().isCodeRedirect()).as(afterLiveness.page().describe()).isFalse();

        Page result = OtpPage.expect(afterLiveness).enter(phone.nextCode()).page();

        assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
    }

    @ParameterizedTest(name = "Given a scorer that {0} and fallback step_up, then the login is marked as step-up with "
            + "scorer_unavailable")
    @MethodSource("faultyScorers")
    void faultWithStepUpFallbackStepsUp(String what, Consumer<ScorerStandIn> behaviour) {
        behaviour.accept(scorer);

        JsonNode login = loginMarkedStepUp(4003, false);

        assertThat(reasons(login)).contains(ReasonCodes.SCORER_UNAVAILABLE);
    }

    /**
     * Logs in through the step-up realm, with the one-time code the step-up asks for, and returns its LOGIN event,
     * which must carry the step-up decision.
     *
     * @param paced whether to wait for the colour script like a real page; stories about scorer faults do not,
     *              the stand-in ignores timing and the run stays short
     */
    private JsonNode loginMarkedStepUp(long seed, boolean paced) {
        LivenessPage liveness = new LoginDriver(server, stepUpRealm.name()).openLiveness();
        Submission submission = Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), seed));
        long mark = System.currentTimeMillis();

        NextStep afterLiveness = paced ? liveness.submit(submission) : liveness.submitNow(submission);
        Page result = OtpPage.expect(afterLiveness).enter(phone.nextCode()).page();

        assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
        JsonNode login = stepUpRealm.awaitEvent(EventType.LOGIN.name(), since(mark));
        assertThat(detail(login, EventDetails.DECISION)).as(login.toString()).isEqualTo(Decision.STEP_UP.value());
        assertThat(detail(login, EventDetails.CHALLENGE_ID)).isEqualTo(liveness.challengeId());
        return login;
    }

    @ParameterizedTest(name = "Given a scorer that {0} and fallback deny, then no code is issued and the error is "
            + "liveness_scorer_unavailable")
    @MethodSource("faultyScorers")
    void faultWithDenyFallbackDenies(String what, Consumer<ScorerStandIn> behaviour) {
        behaviour.accept(scorer);
        LivenessPage liveness = new LoginDriver(server, denyRealm.name()).openLiveness();
        long mark = System.currentTimeMillis();

        // Not paced like a real page: the stand-in ignores timing, and fourteen fault stories would add a minute.
        Page result = liveness.submitNow(
                Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 4004))).page();

        assertUserSafe(result);
        assertThat(result.isCodeRedirect()).as(result.describe()).isFalse();
        assertThat(result.message()).as(result.describe()).isPresent();
        JsonNode error = denyRealm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
        assertThat(error.path("error").asText()).isEqualTo(EventErrors.LIVENESS_SCORER_UNAVAILABLE);
        assertThat(reasons(error)).contains(ReasonCodes.SCORER_UNAVAILABLE);
        assertThat(denyRealm.countEvents(EventType.LOGIN.name(), since(mark))).isZero();
    }
}

package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.detail;
import static dev.deepfakeguard.keycloak.it.support.Events.reasons;
import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static dev.deepfakeguard.keycloak.it.support.UserSafe.assertUserSafe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
import dev.deepfakeguard.keycloak.it.support.RiskConditionKeys;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * A STEP_UP is honoured only where a later step of the flow really asks for a second factor (DESIGN.md §3). Flows
 * that merely contain a risk condition somewhere — before the check, switched off for this decision, negated, or in
 * front of no second factor — must deny a grey-band or no-camera sign-in with step_up_unavailable, not let it in.
 * Every flow gives the user a one-time-code app, so a flow that does route to it is seen to ask for the code.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepUpRouteIT {

    private static final int GREY_BAND_SCORE = 5000;

    private static final String ROUTED = "risk condition after the check, then the one-time code";
    private static final String RISK_FIRST = "risk condition before the check, in the password sub-flow";
    private static final String NOT_ON_STEP_UP = "risk condition with onStepUp=false";
    private static final String NEGATED = "negated risk condition";
    private static final String ALLOW_ACCESS = "step-up sub-flow with 'Allow access' instead of a second factor";
    private static final String PASSWORD_AGAIN = "step-up sub-flow that asks for the password again";

    private static final Map<String, UnaryOperator<RealmBuilder>> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put(ROUTED, realm -> realm);
        SHAPES.put(RISK_FIRST, RealmBuilder::riskBeforeLiveness);
        SHAPES.put(NOT_ON_STEP_UP, realm -> realm.risk(RiskConditionKeys.ON_STEP_UP, false));
        SHAPES.put(NEGATED, realm -> realm.risk(RiskConditionKeys.NEGATE, true));
        SHAPES.put(ALLOW_ACCESS, realm -> realm.stepUpFactor(RealmBuilder.ALLOW_ACCESS_PROVIDER_ID));
        SHAPES.put(PASSWORD_AGAIN, realm -> realm.stepUpFactor(RealmBuilder.PASSWORD_FORM_PROVIDER_ID));
    }

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final OtpDevice phone = new OtpDevice("dfg-route-it-authenticator-app", RealmBuilder.OTP_LOOK_AHEAD);
    private final Map<String, ManagedRealm> realms = new LinkedHashMap<>();
    private ManagedRealm alternativeCheck;

    StepUpRouteIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void createRealms() {
        SHAPES.forEach((shape, customise) -> realms.put(shape, admin.createRealm(customise.apply(
                RealmBuilder.named("dfg-route")
                        .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                        .liveness(LivenessConfigKeys.FALLBACK, Decision.STEP_UP.value())
                        .liveness(HttpScorerConfig.URL, scorer.url())
                        .otp(phone))
                .build())));
        alternativeCheck = admin.createRealm(RealmBuilder.named("dfg-route-alternative")
                .livenessAlternativeTo(RealmBuilder.ALLOW_ACCESS_PROVIDER_ID).build());
    }

    @AfterAll
    void cleanUp() {
        realms.values().forEach(ManagedRealm::close);
        alternativeCheck.close();
        scorer.close();
    }

    static Stream<Arguments> deniedRoutes() {
        return Stream.of(
                Arguments.of(RISK_FIRST, Path.GREY_BAND), Arguments.of(RISK_FIRST, Path.NO_CAMERA),
                Arguments.of(NOT_ON_STEP_UP, Path.GREY_BAND),
                Arguments.of(NEGATED, Path.GREY_BAND), Arguments.of(NEGATED, Path.NO_CAMERA),
                Arguments.of(ALLOW_ACCESS, Path.GREY_BAND), Arguments.of(ALLOW_ACCESS, Path.NO_CAMERA),
                Arguments.of(PASSWORD_AGAIN, Path.GREY_BAND), Arguments.of(PASSWORD_AGAIN, Path.NO_CAMERA));
    }

    @ParameterizedTest(name = "Given a flow with a {0}, when the {1} path asks for a step-up, then the sign-in is "
            + "denied with step_up_unavailable")
    @MethodSource("deniedRoutes")
    void stepUpWithoutARouteToASecondFactorIsDenied(String shape, Path path) {
        ManagedRealm realm = realms.get(shape);
        long mark = System.currentTimeMillis();

        Page result = path.take(scorer, new LoginDriver(server, realm.name()).openLiveness()).page();

        assertUserSafe(result);
        assertThat(result.isCodeRedirect()).as(result.describe()).isFalse();
        assertThat(OtpPage.isShown(result)).as(result.describe()).isFalse();
        assertThat(result.isLivenessPage()).as(result.describe()).isTrue();
        JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
        assertThat(detail(error, EventDetails.DECISION)).as(error.toString()).isEqualTo(Decision.DENY.value());
        assertThat(reasons(error)).as(error.toString()).contains(ReasonCodes.STEP_UP_UNAVAILABLE);
        assertThat(realm.countEvents(EventType.LOGIN.name(), since(mark))).isZero();
    }

    static Stream<Arguments> honouredRoutes() {
        return Stream.of(Arguments.of(ROUTED, Path.GREY_BAND), Arguments.of(ROUTED, Path.NO_CAMERA),
                Arguments.of(NOT_ON_STEP_UP, Path.NO_CAMERA));
    }

    @ParameterizedTest(name = "Given a flow with a {0}, when the {1} path asks for a step-up, then the one-time code "
            + "is asked for before the sign-in completes")
    @MethodSource("honouredRoutes")
    void stepUpWithARouteAsksForTheSecondFactor(String shape, Path path) {
        ManagedRealm realm = realms.get(shape);
        long mark = System.currentTimeMillis();

        OtpPage otp = OtpPage.expect(path.take(scorer, new LoginDriver(server, realm.name()).openLiveness()));
        assertThat(realm.countEvents(EventType.LOGIN.name(), since(mark))).isZero();
        Page result = otp.enter(phone.nextCode()).page();

        assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
        JsonNode login = realm.awaitEvent(EventType.LOGIN.name(), since(mark));
        assertThat(detail(login, EventDetails.DECISION)).as(login.toString()).isEqualTo(Decision.STEP_UP.value());
    }

    @Test
    @DisplayName("Given an imported flow whose liveness step is ALTERNATIVE beside 'Allow access', then the step "
            + "refuses the sign-in with a configuration error instead of guarding a flow that can skip it")
    void alternativeLivenessStepRefuses() {
        long mark = System.currentTimeMillis();

        Page result = new LoginDriver(server, alternativeCheck.name()).open()
                .login(RealmBuilder.USERNAME, RealmBuilder.PASSWORD).page();

        assertUserSafe(result);
        assertThat(result.isCodeRedirect()).as(result.describe()).isFalse();
        assertThat(result.isLivenessPage()).as(result.describe()).isFalse();
        assertThat(result.status()).as(result.describe()).isEqualTo(403);
        JsonNode error = alternativeCheck.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
        assertThat(error.path("error").asText()).isEqualTo(EventErrors.LIVENESS_CONFIG_INVALID);
        assertThat(reasons(error)).contains(ReasonCodes.LIVENESS_NOT_REQUIRED);
        assertThat(alternativeCheck.countEvents(EventType.LOGIN.name(), since(mark))).isZero();
    }

    /** The two ways a sign-in ends in STEP_UP under the login policy. */
    enum Path {
        GREY_BAND {
            @Override
            NextStep take(ScorerStandIn scorer, LivenessPage liveness) {
                scorer.scores(GREY_BAND_SCORE, 200);
                return liveness.submit(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), 4101)));
            }
        },
        NO_CAMERA {
            @Override
            NextStep take(ScorerStandIn scorer, LivenessPage liveness) {
                return liveness.submitNow(Submission.noCamera(liveness));
            }
        };

        abstract NextStep take(ScorerStandIn scorer, LivenessPage liveness);

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}

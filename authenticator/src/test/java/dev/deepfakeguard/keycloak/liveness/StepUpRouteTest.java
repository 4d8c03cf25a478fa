package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.policy.Verdict;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import dev.deepfakeguard.keycloak.testing.FlowFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.deepfakeguard.keycloak.testing.FlowFixture.ALLOW_ACCESS;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.CONDITIONAL_OTP;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.DECISION_EVENT;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.GUARD;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.LIVENESS;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.LOA_CONDITION;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.OTP;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.PASSKEY;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.PASSWORD;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.RECOVERY_CODES;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.RISK;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.USERNAME_PASSWORD;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.WEBAUTHN;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.flow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.keycloak.models.AuthenticationExecutionModel.Requirement.ALTERNATIVE;
import static org.keycloak.models.AuthenticationExecutionModel.Requirement.CONDITIONAL;
import static org.keycloak.models.AuthenticationExecutionModel.Requirement.DISABLED;
import static org.keycloak.models.AuthenticationExecutionModel.Requirement.REQUIRED;

/**
 * Where a STEP_UP may continue: only into a second factor that a later step of the same flow asks for because of
 * this decision — a conditional sub-flow after the check whose conditions certainly match it — and that this user
 * either holds or is refused at by "Require a second factor", never enrols on the spot, never skips.
 */
class StepUpRouteTest {

    private static final Map<String, String> RISK_DEFAULTS = Map.of();
    private static final Set<String> NOTHING = Set.of();
    private static final Set<String> AUTHENTICATOR_APP = Set.of("otp");
    private static final Set<String> SECURITY_KEY = Set.of("webauthn");
    private static final Set<String> PASSKEY_ONLY = Set.of("webauthn-passwordless");

    private static final Verdict GREY_BAND = verdict(false);
    private static final Verdict NO_CAMERA = verdict(true);

    static Stream<Arguments> flows() {
        return Stream.of(
                row("demo login: risk, guard and OTP after the check", demo(), GREY_BAND, AUTHENTICATOR_APP, true),
                row("demo login, no second factor: the guard refuses with guidance", demo(), GREY_BAND, NOTHING,
                        true),
                row("demo login, security key only: the guard refuses with guidance", demo(), GREY_BAND,
                        SECURITY_KEY, true),
                row("risk and OTP without a guard, app held", flow(top -> top.step(USERNAME_PASSWORD, REQUIRED)
                        .step(LIVENESS, REQUIRED)
                        .sub(CONDITIONAL, up -> up.condition(RISK, RISK_DEFAULTS).step(OTP, REQUIRED))),
                        GREY_BAND, AUTHENTICATOR_APP, true),
                row("risk and OTP without a guard, security key only: OTP would be enrolled on the spot",
                        flow(top -> top.step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED)
                                .sub(CONDITIONAL, up -> up.condition(RISK, RISK_DEFAULTS).step(OTP, REQUIRED))),
                        GREY_BAND, SECURITY_KEY, false),
                row("risk condition before the check", flow(top -> top.step(USERNAME_PASSWORD, REQUIRED)
                        .sub(CONDITIONAL, up -> up.condition(RISK, RISK_DEFAULTS).step(GUARD, REQUIRED)
                                .step(OTP, REQUIRED))
                        .step(LIVENESS, REQUIRED)), GREY_BAND, AUTHENTICATOR_APP, false),
                row("risk condition before the check, in the password sub-flow", flow(top -> top
                        .sub(REQUIRED, first -> first.step(USERNAME_PASSWORD, REQUIRED)
                                .sub(CONDITIONAL, up -> up.condition(RISK, RISK_DEFAULTS).step(OTP, REQUIRED)))
                        .step(LIVENESS, REQUIRED)), GREY_BAND, AUTHENTICATOR_APP, false),
                row("onStepUp=false and a grey-band score", stepUp(Map.of("dfg.risk.onStepUp", "false"),
                        up -> up.step(GUARD, REQUIRED).step(OTP, REQUIRED)), GREY_BAND, AUTHENTICATOR_APP, false),
                row("onStepUp=false and no camera: onFallback still matches",
                        stepUp(Map.of("dfg.risk.onStepUp", "false"),
                                up -> up.step(GUARD, REQUIRED).step(OTP, REQUIRED)), NO_CAMERA, AUTHENTICATOR_APP, true),
                row("onStepUp=false, onFallback=false and no camera",
                        stepUp(Map.of("dfg.risk.onStepUp", "false", "dfg.risk.onFallback", "false"),
                                up -> up.step(GUARD, REQUIRED).step(OTP, REQUIRED)), NO_CAMERA, AUTHENTICATOR_APP,
                        false),
                row("negated risk condition", stepUp(Map.of("negate", "true"),
                        up -> up.step(GUARD, REQUIRED).step(OTP, REQUIRED)), GREY_BAND, AUTHENTICATOR_APP, false),
                row("broken risk config: the condition matches at run time",
                        stepUp(Map.of("dfg.risk.onStepUp", "maybe"), up -> up.step(GUARD, REQUIRED).step(OTP, REQUIRED)),
                        GREY_BAND, AUTHENTICATOR_APP, true),
                row("step-up sub-flow with 'Allow access'", stepUp(RISK_DEFAULTS,
                        up -> up.step(ALLOW_ACCESS, REQUIRED)), GREY_BAND, AUTHENTICATOR_APP, false),
                row("step-up sub-flow asking for the password again", stepUp(RISK_DEFAULTS,
                        up -> up.step(PASSWORD, REQUIRED)), GREY_BAND, AUTHENTICATOR_APP, false),
                row("step-up sub-flow with the guard and nothing after it", stepUp(RISK_DEFAULTS,
                        up -> up.step(GUARD, REQUIRED)), GREY_BAND, AUTHENTICATOR_APP, false),
                row("a second condition that cannot be known ahead (level of authentication)",
                        stepUp(RISK_DEFAULTS, up -> up.condition(LOA_CONDITION, Map.of("loa-condition-level", "1"))
                                .step(GUARD, REQUIRED).step(OTP, REQUIRED)), GREY_BAND, AUTHENTICATOR_APP, false),
                row("two risk conditions that both match", stepUp(RISK_DEFAULTS, up -> up
                        .condition(RISK, Map.of("dfg.risk.onFallback", "false"))
                        .step(GUARD, REQUIRED).step(OTP, REQUIRED)), GREY_BAND, AUTHENTICATOR_APP, true),
                row("conditional sub-flow without any condition (Keycloak skips it)", flow(top -> top
                        .step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED)
                        .sub(CONDITIONAL, up -> up.step(GUARD, REQUIRED).step(OTP, REQUIRED))),
                        GREY_BAND, AUTHENTICATOR_APP, false),
                row("disabled step-up sub-flow", flow(top -> top.step(USERNAME_PASSWORD, REQUIRED)
                        .step(LIVENESS, REQUIRED).sub(DISABLED, up -> up.condition(RISK, RISK_DEFAULTS)
                                .step(OTP, REQUIRED))), GREY_BAND, AUTHENTICATOR_APP, false),
                row("admin console: everyone gives the code, so a step-up adds nothing", flow(top -> top
                        .step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED).step(GUARD, REQUIRED)
                        .step(OTP, REQUIRED).step(DECISION_EVENT, REQUIRED)), GREY_BAND, AUTHENTICATOR_APP, false),
                row("risk condition in a REQUIRED sub-flow (Keycloak ignores it there)", flow(top -> top
                        .step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED)
                        .sub(REQUIRED, up -> up.condition(RISK, RISK_DEFAULTS).step(OTP, REQUIRED))),
                        GREY_BAND, AUTHENTICATOR_APP, false),
                row("OTP or security key as alternatives, key held", stepUp(RISK_DEFAULTS, up -> up
                        .sub(REQUIRED, either -> either.step(OTP, ALTERNATIVE).step(WEBAUTHN, ALTERNATIVE))),
                        GREY_BAND, SECURITY_KEY, true),
                row("OTP or 'Allow access' as alternatives: a way around", stepUp(RISK_DEFAULTS, up -> up
                        .sub(REQUIRED, either -> either.step(OTP, ALTERNATIVE).step(ALLOW_ACCESS, ALTERNATIVE))),
                        GREY_BAND, AUTHENTICATOR_APP, false),
                row("ALTERNATIVE OTP beside a REQUIRED guard (Keycloak never runs it)", stepUp(RISK_DEFAULTS,
                        up -> up.step(GUARD, REQUIRED).step(OTP, ALTERNATIVE)), GREY_BAND, AUTHENTICATOR_APP, false),
                row("Keycloak's Conditional OTP Form, which may skip by its own config", stepUp(RISK_DEFAULTS,
                        up -> up.step(CONDITIONAL_OTP, REQUIRED)), GREY_BAND, AUTHENTICATOR_APP, false),
                row("recovery codes, not a second factor by default", stepUp(RISK_DEFAULTS,
                        up -> up.step(RECOVERY_CODES, REQUIRED)), GREY_BAND, Set.of("recovery-authn-codes"), false),
                row("recovery codes, named a second factor by the guard", stepUp(RISK_DEFAULTS, up -> up
                        .step(GUARD, REQUIRED, Map.of("dfg.secondFactor.types", "recovery-authn-codes"))
                        .step(RECOVERY_CODES, REQUIRED)), GREY_BAND, Set.of("recovery-authn-codes"), true),
                row("security key step, key held", stepUp(RISK_DEFAULTS, up -> up.step(WEBAUTHN, REQUIRED)),
                        GREY_BAND, SECURITY_KEY, true),
                row("passkey step, passkey held", stepUp(RISK_DEFAULTS, up -> up.step(PASSKEY, REQUIRED)),
                        GREY_BAND, PASSKEY_ONLY, true),
                row("check and step-up nested in the demo's levels of assurance", loaLevels(true),
                        GREY_BAND, AUTHENTICATOR_APP, true),
                row("only the next level's OTP, behind its own level condition", loaLevels(false),
                        GREY_BAND, AUTHENTICATOR_APP, false),
                row("check inside a sub-flow, step-up after it in the parent", flow(top -> top
                        .sub(REQUIRED, first -> first.step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED))
                        .sub(CONDITIONAL, up -> up.condition(RISK, RISK_DEFAULTS).step(GUARD, REQUIRED)
                                .step(OTP, REQUIRED))), GREY_BAND, AUTHENTICATOR_APP, true),
                row("check in one ALTERNATIVE branch, step-up after the branches", flow(top -> top
                        .sub(REQUIRED, forms -> forms
                                .sub(ALTERNATIVE, one -> one.step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED))
                                .sub(ALTERNATIVE, other -> other.step(PASSKEY, REQUIRED)))
                        .sub(CONDITIONAL, up -> up.condition(RISK, RISK_DEFAULTS).step(GUARD, REQUIRED)
                                .step(OTP, REQUIRED))), GREY_BAND, AUTHENTICATOR_APP, true),
                row("step-up only in the sibling ALTERNATIVE branch", flow(top -> top
                        .sub(ALTERNATIVE, one -> one.step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED))
                        .sub(ALTERNATIVE, other -> other.step(USERNAME_PASSWORD, REQUIRED)
                                .sub(CONDITIONAL, up -> up.condition(RISK, RISK_DEFAULTS).step(OTP, REQUIRED)))),
                        GREY_BAND, AUTHENTICATOR_APP, false));
    }

    @ParameterizedTest(name = "{0} -> step-up honoured: {4}")
    @MethodSource("flows")
    void honoursAStepUpOnlyWhereALaterStepDemandsASecondFactor(String shape, FlowFixture flow, Verdict verdict,
                                                               Set<String> held, boolean honoured) {
        assertThat(StepUpRoute.holds(flow.contextAt(LIVENESS, held, Map.of()), verdict)).isEqualTo(honoured);
    }

    private static Arguments row(String shape, FlowFixture flow, Verdict verdict, Set<String> held,
                                 boolean honoured) {
        return Arguments.of(shape, flow, verdict, held, honoured);
    }

    /** The demo realm's level-1 sub-flow: password, check, risk-triggered guard and OTP, decision on the event. */
    private static FlowFixture demo() {
        return stepUp(RISK_DEFAULTS, up -> up.step(GUARD, REQUIRED).step(OTP, REQUIRED));
    }

    /** Password and check, then a conditional sub-flow with one risk condition and {@code content}. */
    private static FlowFixture stepUp(Map<String, String> risk,
                                      Consumer<FlowFixture.Level> content) {
        return flow(top -> top.step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED)
                .sub(CONDITIONAL, up -> content.accept(up.condition(RISK, risk)))
                .step(DECISION_EVENT, REQUIRED));
    }

    /** The demo's browser flow: cookie or forms; forms hold level 1 (the check) and level 2 (OTP). */
    private static FlowFixture loaLevels(boolean stepUpInLevelOne) {
        return flow(top -> top.step("auth-cookie", ALTERNATIVE)
                .sub(ALTERNATIVE, forms -> forms
                        .sub(CONDITIONAL, one -> {
                            one.condition(LOA_CONDITION, Map.of("loa-condition-level", "1"))
                                    .step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED);
                            if (stepUpInLevelOne) {
                                one.sub(CONDITIONAL, up -> up.condition(RISK, RISK_DEFAULTS).step(GUARD, REQUIRED)
                                        .step(OTP, REQUIRED));
                            }
                            one.step(DECISION_EVENT, REQUIRED);
                        })
                        .sub(CONDITIONAL, two -> two.condition(LOA_CONDITION, Map.of("loa-condition-level", "2"))
                                .step(GUARD, REQUIRED).step(OTP, REQUIRED))));
    }

    private static Verdict verdict(boolean fallback) {
        ScoreResult scores = fallback ? ScoreResult.unavailable("none", ReasonCodes.CAMERA_UNAVAILABLE)
                : ScoreResult.completed(5000, 200, "http", "stand-in-1", List.of());
        return new Verdict(Decision.STEP_UP, List.of(fallback ? ReasonCodes.CAMERA_UNAVAILABLE : ReasonCodes.GREY_ZONE),
                fallback, scores);
    }
}

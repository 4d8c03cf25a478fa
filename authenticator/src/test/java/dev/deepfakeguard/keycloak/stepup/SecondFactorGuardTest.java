package dev.deepfakeguard.keycloak.stepup;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.testing.FlowFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.authentication.AuthenticationFlowContext;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.deepfakeguard.keycloak.testing.FlowFixture.ALLOW_ACCESS;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.DECISION_EVENT;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.GUARD;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.LIVENESS;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.LOA_CONDITION;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.OTP;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.PASSKEY;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.RISK;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.USERNAME_PASSWORD;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.WEBAUTHN;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.decided;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.flow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.keycloak.models.AuthenticationExecutionModel.Requirement.ALTERNATIVE;
import static org.keycloak.models.AuthenticationExecutionModel.Requirement.CONDITIONAL;
import static org.keycloak.models.AuthenticationExecutionModel.Requirement.REQUIRED;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verify;

/**
 * "Require a second factor" lets a person continue only when they hold a credential that the steps after it in the
 * same flow will ask for — so nobody holding only the password (and perhaps some other factor) is offered an
 * enrolment page by Keycloak — unless the admin explicitly allows enrolment.
 */
class SecondFactorGuardTest {

    private static final Set<String> NOTHING = Set.of();
    private static final Set<String> AUTHENTICATOR_APP = Set.of("otp");
    private static final Set<String> SECURITY_KEY = Set.of("webauthn");
    private static final Set<String> PASSKEY_ONLY = Set.of("webauthn-passwordless");
    private static final Map<String, String> STEP_UP = decided("step_up", false);

    private final SecondFactorGuard guard = new SecondFactorGuard();

    static Stream<Arguments> flows() {
        return Stream.of(
                row("demo step-up, app held", stepUp(up -> up.step(OTP, REQUIRED)), AUTHENTICATOR_APP, true),
                row("demo step-up, nothing held", stepUp(up -> up.step(OTP, REQUIRED)), NOTHING, false),
                row("demo step-up, security key only: OTP would be enrolled", stepUp(up -> up.step(OTP, REQUIRED)),
                        SECURITY_KEY, false),
                row("demo step-up, passkey only: OTP would be enrolled", stepUp(up -> up.step(OTP, REQUIRED)),
                        PASSKEY_ONLY, false),
                row("security key step, key held", stepUp(up -> up.step(WEBAUTHN, REQUIRED)), SECURITY_KEY, true),
                row("security key step, app only", stepUp(up -> up.step(WEBAUTHN, REQUIRED)), AUTHENTICATOR_APP,
                        false),
                row("passkey step, passkey held", stepUp(up -> up.step(PASSKEY, REQUIRED)), PASSKEY_ONLY, true),
                row("app or key as alternatives, key held", stepUp(up -> up.sub(REQUIRED, either -> either
                        .step(OTP, ALTERNATIVE).step(WEBAUTHN, ALTERNATIVE))), SECURITY_KEY, true),
                row("app or key as alternatives, passkey only", stepUp(up -> up.sub(REQUIRED, either -> either
                        .step(OTP, ALTERNATIVE).step(WEBAUTHN, ALTERNATIVE))), PASSKEY_ONLY, false),
                row("nothing after the guard", stepUp(up -> { }), AUTHENTICATOR_APP, false),
                row("'Allow access' after the guard", stepUp(up -> up.step(ALLOW_ACCESS, REQUIRED)),
                        AUTHENTICATOR_APP, false),
                row("the guard after the OTP form", flow(top -> top.step(USERNAME_PASSWORD, REQUIRED)
                        .step(LIVENESS, REQUIRED).sub(CONDITIONAL, up -> up.condition(RISK, Map.of())
                                .step(OTP, REQUIRED).step(GUARD, REQUIRED))), AUTHENTICATOR_APP, false),
                row("app and key both required, app only: the key would be enrolled", flow(top -> top
                        .step(USERNAME_PASSWORD, REQUIRED).step(GUARD, REQUIRED).step(OTP, REQUIRED)
                        .step(WEBAUTHN, REQUIRED)), AUTHENTICATOR_APP, false),
                row("guard that counts only OTP before a security key step", flow(top -> top
                        .step(USERNAME_PASSWORD, REQUIRED).step(GUARD, REQUIRED, Map.of("dfg.secondFactor.types", "otp"))
                        .step(WEBAUTHN, REQUIRED)), SECURITY_KEY, false),
                row("enrolment explicitly allowed, nothing held", flow(top -> top.step(USERNAME_PASSWORD, REQUIRED)
                        .step(GUARD, REQUIRED, Map.of("dfg.secondFactor.allowEnrolment", "true"))
                        .step(OTP, REQUIRED)), NOTHING, true),
                row("demo level 2, app held", loaLevelTwo(), AUTHENTICATOR_APP, true),
                row("demo level 2, security key only", loaLevelTwo(), SECURITY_KEY, false),
                row("guard before a risk sub-flow that this decision triggers", flow(top -> top
                        .step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED).step(GUARD, REQUIRED)
                        .sub(CONDITIONAL, up -> up.condition(RISK, Map.of()).step(OTP, REQUIRED))),
                        AUTHENTICATOR_APP, true));
    }

    @ParameterizedTest(name = "{0} -> continues: {3}")
    @MethodSource("flows")
    void letsThePersonOnOnlyWithAFactorTheFollowingStepsAskFor(String shape, FlowFixture flow, Set<String> held,
                                                               boolean continues) {
        AuthenticationFlowContext context = flow.contextAt(GUARD, held, STEP_UP);

        guard.authenticate(context);

        if (continues) {
            verify(context).success();
        } else {
            verify(context, atLeastOnce()).forceChallenge(any());
            verify(context.getEvent()).error(EventErrors.STEP_UP_FACTOR_MISSING);
            assertThat(mockingDetails(context).getInvocations())
                    .noneMatch(call -> call.getMethod().getName().equals("success"));
        }
    }

    private static Arguments row(String shape, FlowFixture flow, Set<String> held, boolean continues) {
        return Arguments.of(shape, flow, held, continues);
    }

    /** The demo's step-up sub-flow: risk condition, the guard, then {@code factor}. */
    private static FlowFixture stepUp(Consumer<FlowFixture.Level> factor) {
        return flow(top -> top.step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED)
                .sub(CONDITIONAL, up -> factor.accept(up.condition(RISK, Map.of()).step(GUARD, REQUIRED)))
                .step(DECISION_EVENT, REQUIRED));
    }

    /** The demo's level-2 sub-flow, asked for with acr_values: level condition, the guard, OTP. */
    private static FlowFixture loaLevelTwo() {
        return flow(top -> top.step("auth-cookie", ALTERNATIVE)
                .sub(ALTERNATIVE, forms -> forms
                        .sub(CONDITIONAL, one -> one.condition(LOA_CONDITION, Map.of("loa-condition-level", "1"))
                                .step(USERNAME_PASSWORD, REQUIRED).step(LIVENESS, REQUIRED))
                        .sub(CONDITIONAL, two -> two.condition(LOA_CONDITION, Map.of("loa-condition-level", "2"))
                                .step(GUARD, REQUIRED).step(OTP, REQUIRED))));
    }
}

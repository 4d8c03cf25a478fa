package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.testing.FlowFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.deepfakeguard.keycloak.testing.FlowFixture.ALLOW_ACCESS;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.LIVENESS;
import static dev.deepfakeguard.keycloak.testing.FlowFixture.USERNAME_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.keycloak.models.AuthenticationExecutionModel.Requirement.ALTERNATIVE;
import static org.keycloak.models.AuthenticationExecutionModel.Requirement.REQUIRED;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * An ALTERNATIVE liveness step can be skipped by its sibling branch, so the factory does not offer it, and a step
 * that finds itself ALTERNATIVE anyway (Keycloak accepts any requirement from a realm import or the admin API)
 * refuses every sign-in with a configuration error instead of pretending to guard the flow.
 */
class LivenessRequirementTest {

    private final LivenessAuthenticator liveness = LivenessSteps.nobodyLocked();

    @Test
    void theFlowEditorOffersOnlyRequiredAndDisabled() {
        assertThat(new LivenessAuthenticatorFactory().getRequirementChoices())
                .containsExactly(Requirement.REQUIRED, Requirement.DISABLED);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Entry.class)
    void anAlternativeStepRefusesWithAConfigurationError(Entry entry) {
        AuthenticationFlowContext context = besideAllowAccess(ALTERNATIVE);

        entry.call(liveness, context);

        verify(context).forceChallenge(any());
        verify(context, never()).challenge(any());
        verify(context, never()).success();
        verify(context.getEvent()).detail(EventDetails.REASONS, ReasonCodes.LIVENESS_NOT_REQUIRED);
        verify(context.getEvent()).error(EventErrors.LIVENESS_CONFIG_INVALID);
    }

    @Test
    void aRequiredStepShowsItsChallenge() {
        AuthenticationFlowContext context = besideAllowAccess(REQUIRED);

        liveness.authenticate(context);

        verify(context).challenge(any());
        verify(context, never()).forceChallenge(any());
    }

    /** Password, then a sub-flow in which the liveness step has the given requirement next to "Allow access". */
    private static AuthenticationFlowContext besideAllowAccess(Requirement requirement) {
        return FlowFixture.flow(top -> top.step(USERNAME_PASSWORD, REQUIRED)
                        .sub(REQUIRED, second -> second.step(LIVENESS, requirement).step(ALLOW_ACCESS, requirement)))
                .contextAt(LIVENESS, Set.of(), Map.of());
    }

    /** The two ways Keycloak runs the step: showing it, and posting its form. */
    enum Entry {
        AUTHENTICATE(liveness -> liveness::authenticate),
        ACTION(liveness -> liveness::action);

        private final Function<LivenessAuthenticator, Consumer<AuthenticationFlowContext>> call;

        Entry(Function<LivenessAuthenticator, Consumer<AuthenticationFlowContext>> call) {
            this.call = call;
        }

        void call(LivenessAuthenticator liveness, AuthenticationFlowContext context) {
            call.apply(liveness).accept(context);
        }
    }
}

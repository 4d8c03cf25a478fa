package dev.deepfakeguard.keycloak.testing;

import dev.deepfakeguard.keycloak.condition.RiskConditionFactory;
import dev.deepfakeguard.keycloak.contract.SessionNotes;
import dev.deepfakeguard.keycloak.liveness.DecisionEventStepFactory;
import dev.deepfakeguard.keycloak.liveness.LivenessAuthenticatorFactory;
import dev.deepfakeguard.keycloak.stepup.SecondFactorGuardFactory;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.authenticators.access.AllowAccessAuthenticatorFactory;
import org.keycloak.authentication.authenticators.browser.ConditionalOtpFormAuthenticatorFactory;
import org.keycloak.authentication.authenticators.browser.OTPFormAuthenticatorFactory;
import org.keycloak.authentication.authenticators.browser.PasswordFormFactory;
import org.keycloak.authentication.authenticators.browser.RecoveryAuthnCodesFormAuthenticatorFactory;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.authentication.authenticators.browser.WebAuthnAuthenticatorFactory;
import org.keycloak.authentication.authenticators.browser.WebAuthnPasswordlessAuthenticatorFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalLoaAuthenticatorFactory;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.OTPCredentialProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SubjectCredentialManager;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.mockito.Mockito;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * An authentication flow as Keycloak's models present it — executions in priority order, sub-flows, authenticator
 * configs — with the real factories of Keycloak's own authenticators and of Deepfake Guard's, so that tests can ask
 * what the flow does after one of its steps for a user who holds given credential types.
 */
public final class FlowFixture {

    public static final String LIVENESS = LivenessAuthenticatorFactory.PROVIDER_ID;
    public static final String GUARD = SecondFactorGuardFactory.PROVIDER_ID;
    public static final String RISK = RiskConditionFactory.PROVIDER_ID;
    public static final String DECISION_EVENT = DecisionEventStepFactory.PROVIDER_ID;
    public static final String OTP = OTPFormAuthenticatorFactory.PROVIDER_ID;
    public static final String CONDITIONAL_OTP = ConditionalOtpFormAuthenticatorFactory.PROVIDER_ID;
    public static final String WEBAUTHN = WebAuthnAuthenticatorFactory.PROVIDER_ID;
    public static final String PASSKEY = WebAuthnPasswordlessAuthenticatorFactory.PROVIDER_ID;
    public static final String RECOVERY_CODES = RecoveryAuthnCodesFormAuthenticatorFactory.PROVIDER_ID;
    public static final String PASSWORD = PasswordFormFactory.PROVIDER_ID;
    public static final String USERNAME_PASSWORD = UsernamePasswordFormFactory.PROVIDER_ID;
    public static final String ALLOW_ACCESS = AllowAccessAuthenticatorFactory.PROVIDER_ID;
    public static final String LOA_CONDITION = ConditionalLoaAuthenticatorFactory.PROVIDER_ID;

    private static final String TOP = "top";

    private final Map<String, List<AuthenticationExecutionModel>> executions = new LinkedHashMap<>();
    private final Map<String, AuthenticationExecutionModel> flowExecutions = new HashMap<>();
    private final Map<String, AuthenticatorConfigModel> configs = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private FlowFixture() {
    }

    /** A top-level flow with the given content. */
    public static FlowFixture flow(Consumer<Level> content) {
        FlowFixture fixture = new FlowFixture();
        content.accept(fixture.new Level(TOP));
        return fixture;
    }

    /** The executions of one flow, added in priority order. */
    public final class Level {

        private final String flowId;

        private Level(String flowId) {
            this.flowId = flowId;
            executions.computeIfAbsent(flowId, id -> new ArrayList<>());
        }

        public Level step(String providerId, Requirement requirement) {
            return step(providerId, requirement, null);
        }

        /** A step with an authenticator config ({@code null}: none). */
        public Level step(String providerId, Requirement requirement, Map<String, String> config) {
            AuthenticationExecutionModel execution = execution(requirement);
            execution.setAuthenticator(providerId);
            if (config != null) {
                AuthenticatorConfigModel model = new AuthenticatorConfigModel();
                model.setId("config-" + ids.incrementAndGet());
                model.setAlias(model.getId());
                model.setConfig(new HashMap<>(config));
                configs.put(model.getId(), model);
                execution.setAuthenticatorConfig(model.getId());
            }
            return this;
        }

        /** A condition (always REQUIRED, as the flow editor offers it) with its config. */
        public Level condition(String providerId, Map<String, String> config) {
            return step(providerId, Requirement.REQUIRED, config);
        }

        public Level sub(Requirement requirement, Consumer<Level> content) {
            AuthenticationExecutionModel execution = execution(requirement);
            String subFlowId = "flow-" + ids.incrementAndGet();
            execution.setAuthenticatorFlow(true);
            execution.setFlowId(subFlowId);
            flowExecutions.put(subFlowId, execution);
            content.accept(new Level(subFlowId));
            return this;
        }

        private AuthenticationExecutionModel execution(Requirement requirement) {
            List<AuthenticationExecutionModel> level = executions.get(flowId);
            AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
            execution.setId("execution-" + ids.incrementAndGet());
            execution.setParentFlow(flowId);
            execution.setRequirement(requirement);
            execution.setPriority((level.size() + 1) * 10);
            level.add(execution);
            return execution;
        }
    }

    /** The first execution of {@code providerId}, searching the flow top-down. */
    public AuthenticationExecutionModel execution(String providerId) {
        return executions.values().stream().flatMap(List::stream)
                .filter(execution -> providerId.equals(execution.getAuthenticator()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + providerId + " in the flow"));
    }

    /**
     * A flow context as Keycloak hands it to the first {@code providerId} step, for a user holding credentials of
     * {@code heldTypes}, with the given authentication notes.
     */
    public AuthenticationFlowContext contextAt(String providerId, Set<String> heldTypes, Map<String, String> notes) {
        AuthenticationExecutionModel execution = execution(providerId);
        RealmModel realm = realm();
        KeycloakSession session = session();
        UserModel user = user(heldTypes);
        AuthenticationSessionModel authSession = mock(AuthenticationSessionModel.class);
        when(authSession.getAuthNote(anyString())).thenAnswer(call -> notes.get(call.<String>getArgument(0)));
        AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);
        when(context.getRealm()).thenReturn(realm);
        when(context.getSession()).thenReturn(session);
        when(context.getUser()).thenReturn(user);
        when(context.getExecution()).thenReturn(execution);
        AuthenticationFlowModel top = new AuthenticationFlowModel();
        top.setId(TOP);
        top.setAlias(TOP);
        top.setTopLevel(true);
        when(context.getTopLevelFlow()).thenReturn(top);
        when(context.getAuthenticationSession()).thenReturn(authSession);
        when(context.getAuthenticatorConfig()).thenAnswer(call -> execution.getAuthenticatorConfig() == null ? null
                : configs.get(execution.getAuthenticatorConfig()));
        when(context.getEvent()).thenReturn(mock(EventBuilder.class, Mockito.RETURNS_SELF));
        when(context.form()).thenReturn(mock(LoginFormsProvider.class, Mockito.RETURNS_SELF));
        return context;
    }

    /** Notes of a liveness decision, as the liveness step writes them. */
    public static Map<String, String> decided(String decision, boolean fallback) {
        return Map.of(SessionNotes.AUTH_DECISION, decision, SessionNotes.AUTH_FALLBACK, Boolean.toString(fallback));
    }

    private RealmModel realm() {
        RealmModel realm = mock(RealmModel.class);
        when(realm.getName()).thenReturn("test");
        when(realm.getAuthenticationExecutionsStream(anyString())).thenAnswer(call -> executions
                .getOrDefault(call.<String>getArgument(0), List.of()).stream());
        when(realm.getAuthenticationExecutionByFlowId(anyString()))
                .thenAnswer(call -> flowExecutions.get(call.<String>getArgument(0)));
        when(realm.getAuthenticatorConfigById(anyString())).thenAnswer(call -> configs.get(call.<String>getArgument(0)));
        return realm;
    }

    private static KeycloakSession session() {
        KeycloakSession session = mock(KeycloakSession.class);
        KeycloakSessionFactory sessionFactory = mock(KeycloakSessionFactory.class);
        Map<String, AuthenticatorFactory> factories = new HashMap<>();
        RiskConditionFactory risk = new RiskConditionFactory();
        risk.init(null);
        Stream.of(new LivenessAuthenticatorFactory(), risk, new SecondFactorGuardFactory(),
                        new DecisionEventStepFactory(), new OTPFormAuthenticatorFactory(),
                        new ConditionalOtpFormAuthenticatorFactory(), new WebAuthnAuthenticatorFactory(),
                        new WebAuthnPasswordlessAuthenticatorFactory(), new RecoveryAuthnCodesFormAuthenticatorFactory(),
                        new PasswordFormFactory(), new UsernamePasswordFormFactory(),
                        new AllowAccessAuthenticatorFactory(), new ConditionalLoaAuthenticatorFactory())
                .forEach(factory -> factories.put(factory.getId(), factory));
        when(session.getKeycloakSessionFactory()).thenReturn(sessionFactory);
        when(sessionFactory.getProviderFactory(Mockito.eq(Authenticator.class), anyString()))
                .thenAnswer(call -> factories.get(call.<String>getArgument(1)));
        OTPCredentialProvider otp = mock(OTPCredentialProvider.class);
        when(otp.getType()).thenReturn("otp");
        when(session.getProvider(CredentialProvider.class, "keycloak-otp")).thenReturn(otp);
        return session;
    }

    private static UserModel user(Set<String> heldTypes) {
        UserModel user = mock(UserModel.class);
        when(user.getId()).thenReturn("user-1");
        SubjectCredentialManager credentials = mock(SubjectCredentialManager.class);
        when(credentials.isConfiguredFor(anyString())).thenAnswer(call -> heldTypes.contains(call.<String>getArgument(0)));
        when(credentials.getStoredCredentialsByTypeStream(anyString())).thenAnswer(call ->
                heldTypes.contains(call.<String>getArgument(0)) ? Stream.of(new org.keycloak.credential.CredentialModel())
                        : Stream.empty());
        when(user.credentialManager()).thenReturn(credentials);
        return user;
    }
}

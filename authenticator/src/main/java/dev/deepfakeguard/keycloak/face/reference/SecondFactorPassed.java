package dev.deepfakeguard.keycloak.face.reference;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Map;
import java.util.Set;

/**
 * Whether this sign-in has passed a second factor: a step of the flow that validates an OTP, a security key or a
 * recovery code reported success in this authentication session. Read from Keycloak's own execution status, which
 * the browser cannot write.
 */
final class SecondFactorPassed {

    /** Credential types of Keycloak's second factors: OTP, WebAuthn (both kinds), recovery codes. */
    static final Set<String> TYPES = Set.of("otp", "webauthn", "webauthn-passwordless", "recovery-authn-codes");

    private SecondFactorPassed() {
    }

    static boolean inThisSignIn(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession) {
        for (Map.Entry<String, AuthenticationSessionModel.ExecutionStatus> entry
                : authSession.getExecutionStatus().entrySet()) {
            if (entry.getValue() != AuthenticationSessionModel.ExecutionStatus.SUCCESS) {
                continue;
            }
            AuthenticationExecutionModel execution = realm.getAuthenticationExecutionById(entry.getKey());
            if (execution == null || execution.getAuthenticator() == null) {
                continue;
            }
            var factory = session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class,
                    execution.getAuthenticator());
            // Most steps (the liveness check among them) have no reference category: null, which Set.of rejects.
            String category = factory instanceof AuthenticatorFactory authenticator
                    ? authenticator.getReferenceCategory() : null;
            if (category != null && TYPES.contains(category)) {
                return true;
            }
        }
        return false;
    }
}

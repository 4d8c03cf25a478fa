package dev.deepfakeguard.keycloak.stepup;

import org.keycloak.models.AuthenticatorConfigModel;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Which credential types count as a second factor, and whether enrolment during step-up is allowed. */
record SecondFactorGuardConfig(Set<String> credentialTypes, boolean allowEnrolment) {

    static final String CREDENTIAL_TYPES = "dfg.secondFactor.types";
    static final String ALLOW_ENROLMENT = "dfg.secondFactor.allowEnrolment";
    static final String DEFAULT_TYPES = "otp,webauthn,webauthn-passwordless";

    /** What a guard without a configuration counts: the default types, enrolment closed. */
    static SecondFactorGuardConfig defaults() {
        return from(null);
    }

    static SecondFactorGuardConfig from(AuthenticatorConfigModel model) {
        Map<String, String> values = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        String types = values.getOrDefault(CREDENTIAL_TYPES, DEFAULT_TYPES);
        Set<String> parsed = Arrays.stream((types == null || types.isBlank() ? DEFAULT_TYPES : types).split(","))
                .map(String::strip).filter(type -> !type.isEmpty()).collect(Collectors.toUnmodifiableSet());
        // Anything but an explicit "true" keeps enrolment closed.
        return new SecondFactorGuardConfig(parsed, "true".equals(values.get(ALLOW_ENROLMENT)));
    }
}

package dev.deepfakeguard.keycloak.contract;

import java.util.regex.Pattern;

/**
 * A secret given as a reference into Keycloak's vault, {@code ${vault.<key>}}, rather than as the secret itself. A
 * literal secret in a realm attribute or an authenticator config is readable by every admin with view-realm; a
 * reference reveals only the entry's name.
 */
public final class VaultReference {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{vault\\.[^}\\s]+}");

    private VaultReference() {
    }

    public static boolean is(String value) {
        return value != null && REFERENCE.matcher(value).matches();
    }
}

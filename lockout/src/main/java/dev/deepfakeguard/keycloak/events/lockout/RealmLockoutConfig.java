package dev.deepfakeguard.keycloak.events.lockout;

import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/**
 * Reads a realm's thresholds on every event, so an admin's change applies without a restart. The admin endpoint
 * only ever writes validated sets; a set broken by hand (e.g. through the generic realm attributes) falls back to
 * the defaults, which are the strict ones, and says so in the log.
 */
public final class RealmLockoutConfig {

    private static final Logger LOG = Logger.getLogger(RealmLockoutConfig.class);

    private RealmLockoutConfig() {
    }

    public static LockoutConfig of(RealmModel realm) {
        try {
            return LockoutConfig.stored(realm.getAttributes());
        } catch (LockoutConfig.InvalidLockoutConfigException e) {
            LOG.errorf("Deepfake Guard lockout configuration of realm %s is invalid, using the defaults until it is "
                    + "fixed: %s", realm.getName(), e.getMessage());
            return LockoutConfig.defaults();
        }
    }

    /**
     * Validates {@code attributes} as a whole and writes them; on error nothing is written.
     *
     * @param allowLiteralSecrets the server's development switch: accept a literal webhook secret
     */
    public static LockoutConfig write(RealmModel realm, java.util.Map<String, String> attributes,
                                      boolean allowLiteralSecrets) {
        LockoutConfig config = LockoutConfig.from(attributes);
        java.util.List<String> problems = config.secretProblems(allowLiteralSecrets);
        if (!problems.isEmpty()) {
            throw new LockoutConfig.InvalidLockoutConfigException(problems);
        }
        config.toAttributes().forEach((key, value) -> {
            if (value.isEmpty()) {
                realm.removeAttribute(key);
            } else {
                realm.setAttribute(key, value);
            }
        });
        return config;
    }
}

package dev.deepfakeguard.keycloak.helpdesk;

import java.time.Clock;
import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

import dev.deepfakeguard.keycloak.helpdesk.store.RequestEntity;
import dev.deepfakeguard.keycloak.helpdesk.store.RequestStore;

/**
 * Enrolling the authenticator app again with a helpdesk reset (realm option
 * {@link RealmHelpdeskOptions#REENROL_OTP}): the caller may have lost the old device, or someone else may hold it.
 * The old OTP credentials are removed only once a new one exists, so a reset left half done never leaves the user
 * without a second factor.
 */
public final class OtpReenrolment {

    private static final Logger LOG = Logger.getLogger(OtpReenrolment.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Clock clock;

    public OtpReenrolment(KeycloakSession session, RealmModel realm, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.clock = clock;
    }

    /** The realm asks for it and the user has an authenticator app to replace. */
    static boolean wanted(RealmModel realm, UserModel user) {
        return RealmHelpdeskOptions.reenrolOtp(realm)
                && user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).findAny()
                .isPresent();
    }

    /** The user set an authenticator app: removes those older than a pending reset's, if a newer one exists. */
    public void newOtpSet(String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        for (RequestEntity request : new RequestStore(session).lockReenrolPending(realm.getId(), userId)) {
            long resetAt = request.getResetAt() == null ? clock.millis() : request.getResetAt();
            List<CredentialModel> otps = user.credentialManager()
                    .getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
            boolean newOneSet = otps.stream().anyMatch(c -> c.getCreatedDate() != null
                    && c.getCreatedDate() >= resetAt);
            if (!newOneSet) {
                continue;
            }
            otps.stream().filter(c -> c.getCreatedDate() == null || c.getCreatedDate() < resetAt)
                    .forEach(old -> user.credentialManager().removeStoredCredentialById(old.getId()));
            request.setReenrolOtp(false);
            LOG.infof("Helpdesk request %s in realm %s: the user enrolled a new authenticator app; the old one was "
                    + "removed", request.getId(), realm.getName());
        }
    }
}

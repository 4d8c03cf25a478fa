package dev.deepfakeguard.keycloak.helpdesk.caller;

import java.time.Clock;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.helpdesk.CallerTransitions;
import dev.deepfakeguard.keycloak.helpdesk.HelpdeskNames;
import dev.deepfakeguard.keycloak.helpdesk.OtpReenrolment;
import dev.deepfakeguard.keycloak.helpdesk.store.ContactChanges;

/**
 * The helpdesk's view of what happens to a user outside the helpdesk API, all of which Keycloak reports only as
 * events: the liveness step in the caller's flow used up its attempts ({@code liveness_failed}), the user set a new
 * password ({@code done}) or a new authenticator app (the old one goes, where the reset asked for it), and the
 * user's e-mail address changed (the time of it, for the block on recent changes).
 */
final class HelpdeskEventListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(HelpdeskEventListener.class);
    private static final String USERS_PATH = "users/";

    private final KeycloakSession session;
    private final Clock clock;

    HelpdeskEventListener(KeycloakSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getUserId() == null || event.getType() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        if (HelpdeskNames.CALLER_CLIENT.equals(event.getClientId())
                && EventErrors.LIVENESS_ATTEMPTS_EXHAUSTED.equals(event.getError())) {
            new CallerTransitions(session, realm, clock).failLiveness(event.getUserId());
        } else if (event.getError() == null && isPasswordSet(event.getType(), details)) {
            new CallerTransitions(session, realm, clock).completeReset(event.getUserId());
        } else if (event.getError() == null && isOtpSet(event.getType(), details)) {
            new OtpReenrolment(session, realm, clock).newOtpSet(event.getUserId());
        } else if (event.getError() == null && (event.getType() == EventType.UPDATE_EMAIL
                || event.getType() == EventType.UPDATE_PROFILE)) {
            boolean changed = event.getType() == EventType.UPDATE_EMAIL || details.containsKey(Details.UPDATED_EMAIL);
            observeContact(realm, event.getUserId(), changed, changed);
        }
    }

    /** An administrator's change of a user (admin console, admin REST). */
    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        String path = event.getResourcePath();
        if (event.getResourceType() != ResourceType.USER || path == null || !path.startsWith(USERS_PATH)
                || path.indexOf('/', USERS_PATH.length()) >= 0 || event.getError() != null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        String userId = path.substring(USERS_PATH.length());
        if (event.getOperationType() == OperationType.UPDATE) {
            // Whether this update touched the address shows only against an earlier record; without one, count it
            // as a change: the block errs on the safe side.
            observeContact(realm, userId, false, true);
        } else if (event.getOperationType() == OperationType.CREATE) {
            observeContact(realm, userId, false, false);
        }
    }

    private void observeContact(RealmModel realm, String userId, boolean changed, boolean unknownIsChange) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        new ContactChanges(session).observe(realm.getId(), user, clock.millis(), changed, unknownIsChange);
        LOG.debugf("Helpdesk recorded the e-mail address of user %s in realm %s (changed: %s)", userId,
                realm.getName(), changed);
    }

    private static boolean isPasswordSet(EventType type, Map<String, String> details) {
        return type == EventType.UPDATE_PASSWORD || (type == EventType.UPDATE_CREDENTIAL
                && PasswordCredentialModel.TYPE.equals(details.get(Details.CREDENTIAL_TYPE)));
    }

    private static boolean isOtpSet(EventType type, Map<String, String> details) {
        return type == EventType.UPDATE_TOTP || (type == EventType.UPDATE_CREDENTIAL
                && OTPCredentialModel.TYPE.equals(details.get(Details.CREDENTIAL_TYPE)));
    }

    @Override
    public void close() {
    }
}

package dev.deepfakeguard.keycloak.helpdesk;

import java.time.Clock;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialModel;
import dev.deepfakeguard.keycloak.face.reference.FaceReferences;
import dev.deepfakeguard.keycloak.face.reference.FaceTemplate;
import dev.deepfakeguard.keycloak.face.reference.FaceTemplateText;
import dev.deepfakeguard.keycloak.helpdesk.store.RequestEntity;

/**
 * Enrolment of a face reference after a helpdesk verification. The caller, having passed the liveness check on the
 * link from the e-mail on file, may consent to keep the template of that check's frames; it waits on the request
 * (server side, never in a view or an event) and becomes the user's face reference only when the reset is issued.
 * Every other end of the request drops it ({@code StateChange}).
 */
public final class FaceEnrolment {

    private static final Logger LOG = Logger.getLogger(FaceEnrolment.class);

    private FaceEnrolment() {
    }

    /** Whether the caller may be offered it: the account has no face reference, or the realm allows replacing it. */
    public static boolean mayOffer(RealmModel realm, UserModel user) {
        return RealmHelpdeskOptions.reenrolFace(realm) || !FaceReferences.exists(user);
    }

    /** Keeps the consented template with the request until the reset is issued. */
    static void keep(RequestEntity request, FaceTemplate template) {
        request.setFaceTemplate(FaceTemplateText.write(template));
    }

    /**
     * The reset is being issued: the kept template becomes the user's face reference, if it still may (a reference
     * enrolled meanwhile is not replaced unless the realm allows it). True when a reference was enrolled.
     */
    static boolean onReset(KeycloakSession session, RealmModel realm, UserModel user, RequestEntity request,
                           Clock clock) {
        Optional<FaceTemplate> template = FaceTemplateText.read(request.getFaceTemplate());
        request.setFaceTemplate(null);
        if (template.isEmpty()) {
            return false;
        }
        if (!mayOffer(realm, user)) {
            LOG.infof("Helpdesk request %s in realm %s: the user enrolled a face reference meanwhile; the "
                    + "consented template is dropped, not replacing it", request.getId(), realm.getName());
            return false;
        }
        FaceReferences.enrol(realm, user, template.get(), clock);
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.UPDATE_CREDENTIAL)
                .client(HelpdeskNames.CALLER_CLIENT)
                .user(user)
                .ipAddress(null)
                .detail(Details.CREDENTIAL_TYPE, FaceReferenceCredentialModel.TYPE)
                .detail(HelpdeskFailures.DETAIL_REQUEST, request.getId())
                .success();
        LOG.infof("Helpdesk request %s in realm %s: face reference enrolled for user %s with the reset (model %s)",
                request.getId(), realm.getName(), user.getId(), template.get().modelId());
        return true;
    }
}

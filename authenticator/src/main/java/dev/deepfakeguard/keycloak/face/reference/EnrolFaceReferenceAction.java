package dev.deepfakeguard.keycloak.face.reference;

import dev.deepfakeguard.keycloak.liveness.KeptDecisionDetails;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.time.Clock;
import java.util.Optional;

/**
 * "Deepfake Guard – Enrol face reference". Enrols only in a sign-in that has just passed the liveness check (ALLOW)
 * and a second factor, from the template of that same check's frames: nothing is captured here, so there is no
 * second capture a forger could swap in. The person sees what is stored and why, and must consent explicitly;
 * declining stores nothing. A sign-in that does not qualify passes over the action, which stays pending.
 */
final class EnrolFaceReferenceAction implements RequiredActionProvider {

    static final String TEMPLATE = "deepfake-guard-enrol-face.ftl";
    static final String ACTION = "dfg_action";
    static final String ENROL = "enrol";
    static final String CONSENT = "dfg_consent";
    private static final Logger LOG = Logger.getLogger(EnrolFaceReferenceAction.class);

    private final Clock clock;

    EnrolFaceReferenceAction(Clock clock) {
        this.clock = clock;
    }

    /**
     * Puts the action on an account the realm requires to enrol (by group or role, {@link EnrolmentRequirement})
     * that has no face reference; it is offered once a sign-in qualifies, like any pending enrolment.
     */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        UserModel user = context.getUser();
        if (user.getRequiredActionsStream().anyMatch(EnrolFaceReferenceActionFactory.PROVIDER_ID::equals)
                || FaceReferences.exists(user)) {
            return;
        }
        EnrolmentRequirement requirement = EnrolmentRequirement.of(context.getRealm());
        if (!requirement.isEmpty() && requirement.appliesTo(context.getSession(), context.getRealm(), user)) {
            user.addRequiredAction(EnrolFaceReferenceActionFactory.PROVIDER_ID);
            LOG.infof("face reference enrolment required for user %s in realm %s by group or role", user.getId(),
                    context.getRealm().getName());
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        if (evidence(context).isEmpty()) {
            return;
        }
        context.challenge(page(context, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        // The LOGIN that ends this sign-in is sent with this request's event: give it the liveness decision's details.
        KeptDecisionDetails.copyTo(context.getAuthenticationSession(), context.getEvent());
        Optional<FaceTemplate> template = evidence(context);
        if (template.isEmpty()) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (!ENROL.equals(form.getFirst(ACTION))) {
            LOG.debugf("user %s declined face reference enrolment", context.getUser().getId());
            EnrolmentEvidence.discard(context.getAuthenticationSession());
            context.success();
            return;
        }
        if (!"yes".equals(form.getFirst(CONSENT))) {
            context.challenge(page(context, "dfgEnrolConsentRequired"));
            return;
        }
        FaceReferences.enrol(context.getRealm(), context.getUser(), template.get(), clock);
        EnrolmentEvidence.discard(context.getAuthenticationSession());
        context.getEvent().event(EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, FaceReferenceCredentialModel.TYPE).success();
        LOG.infof("face reference enrolled for user %s in realm %s (model %s)", context.getUser().getId(),
                context.getRealm().getName(), template.get().modelId());
        context.success();
    }

    /** The passed check's template, if this sign-in qualifies; otherwise the action is passed over. */
    private static Optional<FaceTemplate> evidence(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Optional<FaceTemplate> template = EnrolmentEvidence.read(authSession);
        boolean secondFactor = SecondFactorPassed.inThisSignIn(context.getSession(), context.getRealm(), authSession);
        if (template.isPresent() && secondFactor) {
            return template;
        }
        LOG.infof("face reference enrolment for user %s in realm %s postponed: this sign-in has %s", context
                .getUser().getId(), context.getRealm().getName(), template.isEmpty()
                ? "no passed liveness check with a usable face" : "no second factor");
        context.ignore();
        return Optional.empty();
    }

    private static jakarta.ws.rs.core.Response page(RequiredActionContext context, String error) {
        var form = context.form();
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }

    @Override
    public void close() {
    }
}

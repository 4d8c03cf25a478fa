package dev.deepfakeguard.keycloak.events.audit;

import java.util.EnumSet;
import java.util.Set;

import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.ResourceType;

import dev.deepfakeguard.keycloak.contract.EventErrors;

/** Which events the audit trail records. */
final class AuditSelection {

    static final String DETAIL_PREFIX = "dfg_";

    /**
     * Admin changes that could weaken or bypass the controls, or change who a person is. CLIENT: a client's flow
     * overrides and direct grants can skip the liveness flow altogether. USER_PROFILE and COMPONENT: the user profile
     * configuration (a component, changed through its own endpoint or the generic components API) decides whether
     * users may edit attributes such as {@code deepfake-guard.force-step-up}; components also hold key and user
     * storage providers.
     */
    private static final Set<ResourceType> ADMIN_RESOURCES = EnumSet.of(ResourceType.USER,
            ResourceType.USER_LOGIN_FAILURE, ResourceType.REALM_ROLE, ResourceType.REALM_ROLE_MAPPING,
            ResourceType.CLIENT_ROLE, ResourceType.CLIENT_ROLE_MAPPING, ResourceType.GROUP_MEMBERSHIP,
            ResourceType.AUTH_FLOW, ResourceType.AUTH_EXECUTION_FLOW, ResourceType.AUTH_EXECUTION,
            ResourceType.AUTHENTICATOR_CONFIG, ResourceType.REQUIRED_ACTION, ResourceType.IDENTITY_PROVIDER,
            ResourceType.IDENTITY_PROVIDER_MAPPER, ResourceType.REALM, ResourceType.CUSTOM, ResourceType.CLIENT,
            ResourceType.COMPONENT, ResourceType.USER_PROFILE);

    private static final Set<String> ERRORS = Set.of(EventErrors.LIVENESS_FAILED, EventErrors.DEEPFAKE_SUSPECTED,
            EventErrors.LIVENESS_LOCKED, EventErrors.LIVENESS_CHALLENGE_INVALID,
            EventErrors.LIVENESS_SUBMISSION_INVALID, EventErrors.LIVENESS_CONFIG_INVALID,
            EventErrors.LIVENESS_SCORER_UNAVAILABLE, EventErrors.LIVENESS_ATTEMPTS_EXHAUSTED);

    private AuditSelection() {
    }

    /** Every Deepfake Guard decision, step-up outcome and lockout: a {@code dfg_} detail or one of our errors. */
    static boolean records(Event event) {
        if (event.getError() != null && ERRORS.contains(event.getError())) {
            return true;
        }
        return event.getDetails() != null
                && event.getDetails().keySet().stream().anyMatch(key -> key.startsWith(DETAIL_PREFIX));
    }

    static boolean records(AdminEvent event) {
        return event.getResourceType() != null && ADMIN_RESOURCES.contains(event.getResourceType());
    }
}

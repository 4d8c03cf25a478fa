package dev.deepfakeguard.keycloak.helpdesk;

import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;

/** A signed-in helpdesk agent: who, through which token, and which helpdesk roles the agent holds. */
public record Agent(AdminAuth auth, boolean verifier, boolean approver) {

    public UserModel user() {
        return auth.getUser();
    }

    public String id() {
        return auth.getUser().getId();
    }
}

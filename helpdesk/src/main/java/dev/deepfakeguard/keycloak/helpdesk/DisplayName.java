package dev.deepfakeguard.keycloak.helpdesk;

import org.keycloak.models.UserModel;

/** How the caller and the agent see a person: first and last name, or the username when there is none. */
public final class DisplayName {

    private DisplayName() {
    }

    public static String of(UserModel user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName();
        String last = user.getLastName() == null ? "" : user.getLastName();
        String name = (first + " " + last).trim();
        return name.isEmpty() ? user.getUsername() : name;
    }
}

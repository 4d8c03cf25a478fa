package dev.deepfakeguard.keycloak.it.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.it.support.ExampleRealm;

/**
 * The realms under load, all made from the shipped demo realm so that they differ only in the guard: one user per
 * client, the demo client, the demo's brute-force settings.
 */
final class LoadRealms {

    static final String PASSWORD = "load-Passw0rd!";
    private static final String FORMS_FLOW = "deepfake-guard browser forms";

    private LoadRealms() {
    }

    /** The demo realm as shipped (embedded scorer, lockout listener), or with {@code httpScorerUrl} as its scorer. */
    static ObjectNode guarded(String prefix, int users, String httpScorerUrl) {
        ExampleRealm realm = withUsers(ExampleRealm.load(ExampleRealm.DEMO, prefix), users);
        if (httpScorerUrl != null) {
            realm.httpScorer(ExampleRealm.LIVENESS_LOGIN, httpScorerUrl);
        }
        return realm.build();
    }

    /** The demo realm with the guard taken out: the forms are Keycloak's username/password form only, no lockout. */
    static ObjectNode stock(String prefix, int users) {
        ObjectNode realm = withUsers(ExampleRealm.load(ExampleRealm.DEMO, prefix), users).build();
        realm.putArray("eventsListeners").add("jboss-logging");
        for (JsonNode flow : realm.withArray("authenticationFlows")) {
            if (FORMS_FLOW.equals(flow.path("alias").asText())) {
                ArrayNode executions = ((ObjectNode) flow).putArray("authenticationExecutions");
                executions.addObject().put("authenticator", "auth-username-password-form")
                        .put("authenticatorFlow", false).put("requirement", "REQUIRED").put("priority", 10)
                        .put("userSetupAllowed", false);
            }
        }
        return realm;
    }

    private static ExampleRealm withUsers(ExampleRealm realm, int users) {
        for (int client = 0; client < users; client++) {
            realm.addUser(SignInWalk.user(client), PASSWORD);
        }
        return realm;
    }
}

package dev.deepfakeguard.keycloak.it.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** What the helpdesk stories share: the demo realm's names, the test users' password and address, the admin events. */
public final class HelpdeskStories {

    /** The liveness step of the caller's flow in the demo realm. */
    public static final String LIVENESS_HELPDESK = "deepfake-guard liveness (helpdesk)";
    /** Token type of the caller's link. */
    public static final String VERIFY_LINK = "dfg-helpdesk-verify";
    /** Token type of Keycloak's execute-actions link, the reset. */
    public static final String RESET_LINK = "execute-actions";
    public static final String PASSWORD = "It-Helpdesk-1!";
    /** A stand-in score the helpdesk flow's liveness step allows. */
    public static final int ALLOW_SCORE = 9000;

    private HelpdeskStories() {
    }

    /** The address {@link ExampleRealm#addUser} gives a user. */
    /**
     * The demo realm as a helpdesk story needs it: the caller's liveness step on the scorer stand-in, Keycloak's mail
     * to the test mailbox, and the helpdesk client's password grant (the agent page signs in with PKCE; the stories
     * take the password grant of the same client instead).
     */
    public static ExampleRealm demoRealm(String name, String scorerUrl, int mailPort) {
        ExampleRealm example = ExampleRealm.load(ExampleRealm.DEMO, name).httpScorer(LIVENESS_HELPDESK, scorerUrl)
                .smtp(MailBox.HOST, mailPort);
        example.client(HelpdeskApi.CLIENT).put("directAccessGrantsEnabled", true);
        return example;
    }

    public static String email(String username) {
        return username + "@it.deepfake-guard.dev";
    }

    public static String userId(AdminClient admin, String realm, String username) {
        return admin.userByUsername(realm, username).orElseThrow().path("id").asText();
    }

    /** The {@code dfg_helpdesk_state} of every admin event of one request, oldest first. */
    public static List<String> stateEvents(AdminClient admin, String realm, String requestId) {
        JsonNode events = admin.call("GET", "/admin/realms/" + realm
                + "/admin-events?resourceTypes=CUSTOM&max=500", null, 200);
        List<String> states = new ArrayList<>();
        for (JsonNode event : events) {
            if (event.path("resourcePath").asText().endsWith(requestId)) {
                states.add(0, event.path("details").path("dfg_helpdesk_state").asText());
            }
        }
        return states;
    }

    /** The {@code dfg_helpdesk_refused} of every refusal admin event with {@code actorId} as actor. */
    public static List<String> refusals(AdminClient admin, String realm, String actorId) {
        JsonNode events = admin.call("GET", "/admin/realms/" + realm + "/admin-events?resourceTypes=CUSTOM&authUser="
                + actorId + "&max=500", null, 200);
        List<String> refused = new ArrayList<>();
        for (JsonNode event : events) {
            String refusal = event.path("details").path("dfg_helpdesk_refused").asText();
            if (!refusal.isEmpty()) {
                refused.add(refusal);
            }
        }
        return refused;
    }
}

package dev.deepfakeguard.keycloak.it.support;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A liveness realm scored by the stand-in, with the lockout listener enabled, admin events stored and the given
 * thresholds (keys without the {@code deepfake-guard.lockout.} prefix).
 */
public final class LockoutRealm {

    public static final String LISTENER_ID = "deepfake-guard-lockout";
    public static final String PREFIX = "deepfake-guard.lockout.";

    private LockoutRealm() {
    }

    /**
     * Adds {@code count} more users, {@code colleague-1} … (the test password, e-mail verified): people who sign in
     * from the same address, e.g. behind one NAT.
     */
    public static ObjectNode withColleagues(ObjectNode realm, int count) {
        ArrayNode users = (ArrayNode) realm.get("users");
        for (int i = 1; i <= count; i++) {
            ObjectNode user = users.addObject().put("username", colleague(i)).put("enabled", true)
                    .put("email", colleague(i) + "@example.org").put("emailVerified", true)
                    .put("firstName", "Colleague").put("lastName", Integer.toString(i));
            user.putArray("credentials").addObject().put("type", "password").put("value", RealmBuilder.PASSWORD)
                    .put("temporary", false);
        }
        return realm;
    }

    public static String colleague(int number) {
        return "colleague-" + number;
    }

    /**
     * A lockout realm (see {@link #build}) whose alerts go to {@code webhookUrl}, retried every second, without a
     * source threshold, and signed with {@code secret}, which Keycloak's file vault keeps: the realm holds only the
     * vault reference.
     */
    public static ObjectNode withWebhook(String prefix, String scorerUrl, int maxFailures, String webhookUrl,
                                         String secret) {
        ObjectNode realm = build(prefix, scorerUrl, Map.of("maxFailures", maxFailures, "sourceMaxFailures", 0,
                "webhook.url", webhookUrl, "webhook.retrySeconds", 1));
        String reference = Vault.put(realm.path("realm").asText(), "dfg_webhook_secret", secret);
        ((ObjectNode) realm.get("attributes")).put(PREFIX + "webhook.secret", reference);
        return realm;
    }

    public static ObjectNode build(String prefix, String scorerUrl, Map<String, ?> thresholds) {
        ObjectNode realm = RealmBuilder.named(prefix)
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness("dfg.http.url", scorerUrl)
                .liveness(LivenessConfigKeys.MAX_ATTEMPTS, 10)
                .build();
        realm.putArray("eventsListeners").add("jboss-logging").add(LISTENER_ID);
        realm.put("adminEventsEnabled", true).put("adminEventsDetailsEnabled", true);
        ObjectNode attributes = realm.putObject("attributes");
        thresholds.forEach((key, value) -> attributes.put(PREFIX + key, String.valueOf(value)));
        return realm;
    }
}

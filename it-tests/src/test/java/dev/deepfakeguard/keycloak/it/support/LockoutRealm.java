package dev.deepfakeguard.keycloak.it.support;

import java.util.Map;

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

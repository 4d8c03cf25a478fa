package dev.deepfakeguard.keycloak.events.audit;

import java.util.Map;

/**
 * What one audited event becomes before chaining: the body (no personal data), the erasable personal part (or
 * null) whose digest the body carries, and the ids the store indexes by.
 */
record CapturedRecord(String realmId, String userId, long time, Map<String, Object> body,
                      Map<String, Object> personal) {

    CapturedRecord {
        body = Map.copyOf(body);
        personal = personal == null ? null : Map.copyOf(personal);
    }
}

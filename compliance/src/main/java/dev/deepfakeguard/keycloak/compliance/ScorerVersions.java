package dev.deepfakeguard.keycloak.compliance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * The model version each scorer reported in its newest decision in one realm, read from the realm's newest audit
 * records (every liveness decision is recorded with {@code dfg.scorer} and {@code dfg.modelVersion}). A scorer
 * reports its version with each verdict — a remote one may change it between two calls — so what the report can
 * truthfully show is the version the realm's decisions were last made with.
 */
final class ScorerVersions {

    /** How many of the realm's newest records are read: recent enough to be the version in use, cheap to read. */
    static final int RECENT = 500;

    private final Map<String, String> newest;

    private ScorerVersions(Map<String, String> newest) {
        this.newest = newest;
    }

    static ScorerVersions read(AuditStore store, String realmId) {
        List<String> bodies = store.newestBodies(realmId, RECENT);
        Map<String, String> newest = new HashMap<>();
        for (String body : bodies) {
            try {
                if (Json.parseObject(body).get("dfg") instanceof Map<?, ?> dfg
                        && dfg.get("scorer") instanceof String scorer
                        && dfg.get("modelVersion") instanceof String version && !version.isEmpty()) {
                    newest.putIfAbsent(scorer, version);
                }
            } catch (JsonSyntaxException e) {
                // Not for this report to judge: the audit export and its verifier show such a record.
            }
        }
        return new ScorerVersions(newest);
    }

    Optional<String> newest(String scorer) {
        return Optional.ofNullable(newest.get(scorer));
    }
}

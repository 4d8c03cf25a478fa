package dev.deepfakeguard.keycloak.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.deepfakeguard.keycloak.audit.verify.ExportVerifier;
import dev.deepfakeguard.keycloak.audit.verify.Report;
import dev.deepfakeguard.keycloak.it.support.KeycloakCluster;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;

/** What the cluster stories share: their realm, and the audit status and export of one node, verified offline. */
final class ClusterStories {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterStories() {
    }

    /** A liveness realm scored by {@code scorer}, with the lockout listener and no source locks unless given. */
    static ManagedRealm lockoutRealm(KeycloakCluster cluster, ScorerStandIn scorer, Map<String, ?> thresholds) {
        Map<String, Object> all = new HashMap<>(thresholds);
        all.putIfAbsent("sourceMaxFailures", 0);
        return cluster.admin(0).createRealm(LockoutRealm.build("dfg-cluster", scorer.url(), all));
    }

    static JsonNode auditStatus(KeycloakCluster cluster, int node, ManagedRealm realm) {
        return cluster.admin(node).call("GET", "/admin/realms/" + realm.name() + "/deepfake-guard-audit/status",
                null, 200);
    }

    static List<String> export(KeycloakCluster cluster, int node, ManagedRealm realm) {
        return cluster.admin(node).text("/admin/realms/" + realm.name() + "/deepfake-guard-audit/export").lines()
                .filter(line -> !line.isBlank()).toList();
    }

    static Report verify(List<String> lines) {
        try {
            return ExportVerifier.verify(new BufferedReader(new StringReader(String.join("\n", lines))), Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

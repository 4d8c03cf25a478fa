package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.reasons;
import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.mockwebserver.RecordedRequest;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.Vault;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * What the http scorer gives away, on a real Keycloak: a pseudonym a vendor cannot link to the account, the API key
 * only from the vault and only to a host the operator allowed (the test server allows 127.0.0.1), never a literal.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScorerSecretsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "sk-it-0123456789abcdef";

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();

    ScorerSecretsIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @AfterAll
    void stop() {
        scorer.close();
    }

    private ObjectNode realm(String prefix, String url, String apiKey) {
        RealmBuilder builder = RealmBuilder.named(prefix)
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness(LivenessConfigKeys.FALLBACK, Decision.DENY.value())
                .liveness(HttpScorerConfig.URL, url);
        if (apiKey != null) {
            builder.liveness(HttpScorerConfig.API_KEY, apiKey);
        }
        return builder.build();
    }

    @Test
    @DisplayName("Given two sign-ins of one user, then the scorer sees the same subject both times, one it cannot "
            + "compute from the user id, and the key behind it is not readable through the admin API")
    void subjectIsAKeyedPseudonym() throws Exception {
        try (ManagedRealm realm = admin.createRealm(realm("dfg-pseudonym", scorer.url(), null))) {
            scorer.live();
            scorer.drainRequests();

            login(realm, 7101);
            login(realm, 7102);

            List<RecordedRequest> requests = scorer.drainRequests();
            assertThat(requests).hasSize(2);
            String first = JSON.readTree(requests.get(0).getBody().readUtf8()).path("subject").asText();
            String second = JSON.readTree(requests.get(1).getBody().readUtf8()).path("subject").asText();
            String realmId = admin.realm(realm.name()).path("id").asText();
            String userId = admin.userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow().path("id")
                    .asText();
            assertThat(first).isEqualTo(second).isNotEqualTo(plainHash(realmId, userId)).doesNotContain(userId);
            JsonNode pseudonymKey = pseudonymKey(realm).orElseThrow(() -> new AssertionError("no pseudonym key"));
            assertThat(pseudonymKey.path("config").has("secret")).as(pseudonymKey.toString()).isFalse();
        }
    }

    @Test
    @DisplayName("Given a new realm, then its pseudonym key comes with it, before anyone signs in (a burst of first "
            + "sign-ins must not each create it); deleted, the next sign-in creates a new one")
    void pseudonymKeyComesWithTheRealm() {
        try (ManagedRealm realm = admin.createRealm(realm("dfg-pseudonym-new", scorer.url(), null))) {
            JsonNode created = pseudonymKey(realm).orElseThrow(() -> new AssertionError("no key after creation"));
            admin.call("DELETE", "/admin/realms/" + realm.name() + "/components/" + created.path("id").asText(),
                    null, 204);
            assertThat(pseudonymKey(realm)).isEmpty();
            scorer.live();
            scorer.drainRequests();

            login(realm, 7104);

            assertThat(scorer.drainRequests()).hasSize(1);
            assertThat(pseudonymKey(realm)).isPresent();
        }
    }

    private Optional<JsonNode> pseudonymKey(ManagedRealm realm) {
        JsonNode components = admin.call("GET", "/admin/realms/" + realm.name()
                + "/components?type=org.keycloak.keys.KeyProvider", null, 200);
        for (JsonNode component : components) {
            if ("deepfake-guard-pseudonym".equals(component.path("name").asText())) {
                return Optional.of(component);
            }
        }
        return Optional.empty();
    }

    @Test
    @DisplayName("Given a literal API key in the authenticator config, then it is never sent and the fallback decides")
    void literalApiKeyIsRefused() {
        try (ManagedRealm realm = admin.createRealm(realm("dfg-literal-key", scorer.url(), API_KEY))) {
            scorer.live();
            scorer.drainRequests();
            long mark = System.currentTimeMillis();

            Page result = attempt(realm, 7103);

            assertThat(result.isCodeRedirect()).as(result.describe()).isFalse();
            assertThat(scorer.drainRequests()).isEmpty();
            JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
            assertThat(reasons(error)).contains("scorer_secret_literal");
        }
    }

    @Test
    @DisplayName("Given the API key in the vault and an allowed host, then the scorer receives it as a bearer token")
    void vaultKeyGoesToAnAllowedHost() {
        ObjectNode representation = realm("dfg-vault-key", scorer.url(), null);
        String reference = Vault.put(representation.path("realm").asText(), "scorer_api_key", API_KEY);
        try (ManagedRealm realm = admin.createRealm(withApiKey(representation, reference))) {
            scorer.live();
            scorer.drainRequests();

            Page result = attempt(realm, 7104);

            assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
            List<RecordedRequest> requests = scorer.drainRequests();
            assertThat(requests).hasSize(1);
            assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        }
    }

    @Test
    @DisplayName("Given an admin points the scorer at a host the operator did not allow, then the vault key is not "
            + "sent there and the fallback decides")
    void vaultKeyIsNotSentToAnotherHost() {
        String elsewhere = scorer.url().replace("127.0.0.1", "localhost");
        ObjectNode representation = realm("dfg-redirected-key", elsewhere, null);
        String reference = Vault.put(representation.path("realm").asText(), "scorer_api_key", API_KEY);
        try (ManagedRealm realm = admin.createRealm(withApiKey(representation, reference))) {
            scorer.live();
            scorer.drainRequests();
            long mark = System.currentTimeMillis();

            Page result = attempt(realm, 7105);

            assertThat(result.isCodeRedirect()).as(result.describe()).isFalse();
            assertThat(scorer.drainRequests()).isEmpty();
            JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
            assertThat(reasons(error)).contains("scorer_host_not_allowed");
        }
    }

    private static ObjectNode withApiKey(ObjectNode representation, String reference) {
        for (JsonNode config : representation.path("authenticatorConfig")) {
            if (config.path("config").has(HttpScorerConfig.URL)) {
                ((ObjectNode) config.get("config")).put(HttpScorerConfig.API_KEY, reference);
            }
        }
        return representation;
    }

    private void login(ManagedRealm realm, long seed) {
        Page result = attempt(realm, seed);
        assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
    }

    private Page attempt(ManagedRealm realm, long seed) {
        LivenessPage liveness = new LoginDriver(server, realm.name()).openLiveness();
        return liveness.submitNow(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), seed)))
                .page();
    }

    /** What a vendor could compute itself from a user id it learnt elsewhere: the unkeyed pseudonym. */
    private static String plainHash(String realmId, String userId) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(("deepfake-guard-subject:" + realmId + ":"
                + userId).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}

package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.scoring.LivenessScorerSpi;

/** The harness itself: the server runs with the drop-in JAR, and a plain password login works end to end. */
@ExtendWith(KeycloakExtension.class)
class HarnessSmokeIT {

    @Test
    @DisplayName("Given the drop-in JAR in providers/, then Keycloak lists the Deepfake Guard scorer SPI")
    void providerJarIsLoaded(AdminClient admin, KeycloakServer server) {
        JsonNode providers = admin.serverInfo().path("providers");

        assertThat(providers.has(LivenessScorerSpi.NAME))
                .as("SPI %s in /admin/serverinfo%s", LivenessScorerSpi.NAME, server.logHint())
                .isTrue();
    }

    @Test
    @DisplayName("Given a password-only realm built by the harness, then the test user gets an authorization code")
    void passwordLoginIssuesCode(AdminClient admin, KeycloakServer server) {
        try (ManagedRealm realm = admin.createRealm(
                RealmBuilder.named("dfg-smoke").withoutLiveness().loginTheme("keycloak.v2").build())) {
            Page page = new LoginDriver(server, realm.name()).open()
                    .login(RealmBuilder.USERNAME, RealmBuilder.PASSWORD).page();

            assertThat(page.isCodeRedirect()).as(page.describe()).isTrue();
            realm.awaitEvent("LOGIN", event -> RealmBuilder.CLIENT_ID.equals(event.path("clientId").asText()));
        }
    }

    @Test
    @DisplayName("Given a wrong password, then the login form shows an error message")
    void wrongPasswordShowsMessage(AdminClient admin, KeycloakServer server) {
        try (ManagedRealm realm = admin.createRealm(
                RealmBuilder.named("dfg-smoke").withoutLiveness().loginTheme("keycloak.v2").build())) {
            Page page = new LoginDriver(server, realm.name()).open().login(RealmBuilder.USERNAME, "wrong").page();

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.message()).as(page.describe()).hasValueSatisfying(
                    text -> assertThat(text).containsIgnoringCase("invalid"));
        }
    }
}

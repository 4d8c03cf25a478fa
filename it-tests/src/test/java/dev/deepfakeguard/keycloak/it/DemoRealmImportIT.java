package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;

/** The example realm shipped in realm-examples imports with {@code --import-realm} and uses the liveness step. */
@ExtendWith(KeycloakExtension.class)
class DemoRealmImportIT {

    private static final String DEMO_REALM = "deepfake-guard-demo";

    @Test
    @DisplayName("Given the server started with --import-realm, then the demo realm's browser flow contains the "
            + "liveness step")
    void demoRealmImported(AdminClient admin, KeycloakServer server) {
        assertThat(admin.realmExists(DEMO_REALM)).as("realm %s imported%s", DEMO_REALM, server.logHint()).isTrue();

        String browserFlow = admin.realm(DEMO_REALM).path("browserFlow").asText();
        List<String> providers = new ArrayList<>();
        for (JsonNode execution : admin.flowExecutions(DEMO_REALM, browserFlow)) {
            providers.add(execution.path("providerId").asText());
        }

        assertThat(providers).as("executions of browser flow '%s'", browserFlow)
                .contains(RealmBuilder.LIVENESS_PROVIDER_ID);
    }
}

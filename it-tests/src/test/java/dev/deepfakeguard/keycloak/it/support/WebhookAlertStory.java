package dev.deepfakeguard.keycloak.it.support;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the webhook alert stories share: the server and its admin client, a scorer stand-in, and a webhook receiver
 * that starts down (a story brings it up when it wants deliveries to succeed), both stopped after the class.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WebhookAlertStory {

    /** How long an alert may take to arrive on a loaded machine. */
    protected static final Duration BOUND = Duration.ofSeconds(60);
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected final KeycloakServer server;
    protected final AdminClient admin;
    protected final ScorerStandIn scorer = new ScorerStandIn();
    protected final WebhookReceiver receiver = WebhookReceiver.down();

    protected WebhookAlertStory(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @AfterAll
    protected void stopStandIns() {
        receiver.close();
        scorer.close();
    }
}

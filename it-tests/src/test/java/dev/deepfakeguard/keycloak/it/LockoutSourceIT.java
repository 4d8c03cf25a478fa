package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.UserSafe.assertUserSafe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LockoutApi;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * Several people fail the liveness check from one address, or from one IPv6 network (the client address comes from
 * {@code X-Forwarded-For}, as Keycloak sees it behind a trusted reverse proxy): the address, or the /64, is locked
 * for everyone behind it, before any scoring, until the lock ends or an admin lifts it.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockoutSourceIT {

    private static final int LOW_SCORE = 1200;
    /** Each colleague's account locks at its first failure; the source needs ten accounts' failures. */
    private static final Map<String, Integer> THRESHOLDS = Map.of("maxFailures", 1, "sourceMaxFailures", 10);
    private static final int COLLEAGUES = 10;

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final List<ManagedRealm> realms = new ArrayList<>();

    LockoutSourceIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @AfterEach
    void deleteRealms() {
        realms.forEach(ManagedRealm::close);
        realms.clear();
    }

    @AfterAll
    void stopScorer() {
        scorer.close();
    }

    @Test
    @DisplayName("Given failures of ten accounts from one address, then the address is locked and every user behind "
            + "it is refused before scoring until an admin unlocks it")
    void sourceLockRefusesEveryUserBehindTheAddressBeforeScoring() {
        ManagedRealm realm = realm();
        LockoutApi api = new LockoutApi(admin, realm.name());
        for (int i = 1; i <= COLLEAGUES; i++) {
            failOnce(realm, LockoutRealm.colleague(i), null);
        }
        assertThat(api.locks()).anySatisfy(lock -> {
            assertThat(lock.path("kind").asText()).isEqualTo("source");
            assertThat(lock.path("subject").asText()).isEqualTo("127.0.0.1");
        });
        int scored = scorer.requestCount();

        LockoutIT.assertLockedOut(server, realm);

        assertThat(scorer.requestCount()).isEqualTo(scored);
        api.unlockSource("127.0.0.1");
        assertThat(new LoginDriver(server, realm.name()).openLiveness().page().isLivenessPage()).isTrue();
    }

    @Test
    @DisplayName("Given failures from ten addresses of one IPv6 /64, then the /64 is one source: locked for every "
            + "address in it, not for the next /64")
    void ipv6SourcesAreKeyedByTheirSlash64() {
        ManagedRealm realm = realm();
        LockoutApi api = new LockoutApi(admin, realm.name());
        for (int i = 1; i <= COLLEAGUES; i++) {
            failOnce(realm, LockoutRealm.colleague(i), "2001:db8:1:2::" + Integer.toHexString(0xa00 + i));
        }

        assertThat(api.locks()).anySatisfy(lock -> {
            assertThat(lock.path("kind").asText()).isEqualTo("source");
            assertThat(lock.path("subject").asText()).isEqualTo("2001:db8:1:2::/64");
        });
        int scored = scorer.requestCount();
        Page sameNetwork = new LoginDriver(server, realm.name()).forwardedFor("2001:db8:1:2:ffff:ffff:ffff:1").open()
                .login(RealmBuilder.USERNAME, RealmBuilder.PASSWORD).page();
        assertUserSafe(sameNetwork);
        assertThat(sameNetwork.isLivenessPage()).as(sameNetwork.describe()).isFalse();
        assertThat(sameNetwork.message()).hasValueSatisfying(m -> assertThat(m).contains(LockoutIT.LOCKED_TEXT));
        assertThat(scorer.requestCount()).isEqualTo(scored);
        assertThat(new LoginDriver(server, realm.name()).forwardedFor("2001:db8:1:3::a01").openLiveness().page()
                .isLivenessPage()).isTrue();
        assertThat(api.source("2001:db8:1:2::77").path("locked").asBoolean()).isTrue();

        api.unlockSource("2001:db8:1:2::1");

        assertThat(new LoginDriver(server, realm.name()).forwardedFor("2001:db8:1:2::a01").openLiveness().page()
                .isLivenessPage()).isTrue();
    }

    private ManagedRealm realm() {
        ObjectNode representation = LockoutRealm.withColleagues(
                LockoutRealm.build("dfg-lockout-source", scorer.url(), THRESHOLDS), COLLEAGUES);
        // Forwarded public addresses count as external; this plain-HTTP test server must serve them anyway.
        representation.put("sslRequired", "none");
        ManagedRealm realm = admin.createRealm(representation);
        realms.add(realm);
        return realm;
    }

    /** One failed liveness check of {@code username}, from {@code address} (null: the connection's own). */
    private void failOnce(ManagedRealm realm, String username, String address) {
        scorer.scores(LOW_SCORE, 300);
        LoginDriver driver = new LoginDriver(server, realm.name());
        if (address != null) {
            driver.forwardedFor(address);
        }
        LivenessPage page = driver.openLiveness(username);
        assertUserSafe(page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(),
                username.hashCode()))).page());
    }
}

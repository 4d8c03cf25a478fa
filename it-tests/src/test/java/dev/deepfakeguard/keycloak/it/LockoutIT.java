package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.detail;
import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static dev.deepfakeguard.keycloak.it.support.Events.withError;
import static dev.deepfakeguard.keycloak.it.support.UserSafe.assertUserSafe;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.LockoutEventDetails;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.ConcurrentPosts;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.ItSettings;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LockoutApi;
import dev.deepfakeguard.keycloak.it.support.LockoutRealm;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.LoginPage;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.it.support.UserSafe;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * Someone keeps failing the liveness check (the scorer stand-in answers with a low score): the lockout listener
 * counts, locks, escalates, ends sessions and lets an admin see and lift the lock.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockoutIT {

    private static final int LOW_SCORE = 1200;
    /** For the 10 s window to pass and the count to show it, with room for a loaded 2-core machine. */
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int CONCURRENT_FAILURES = 40;
    /** Failures that could not be counted at once are counted by the background retry within this bound. */
    private static final Duration COUNT_BOUND = Duration.ofSeconds(60);
    /** What the theme shows for every refusal of a locked user or source (messages_en: dfgLocked). */
    static final String LOCKED_TEXT = "Sign-in is not possible right now";

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn scorer = new ScorerStandIn();
    private final List<ManagedRealm> realms = new ArrayList<>();

    LockoutIT(KeycloakServer server, AdminClient admin) {
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
    @DisplayName("Given N−1 failures, then the account stays open; given the Nth, then it is locked, its sessions end "
            + "and the person sees only the generic message")
    void locksAtTheThreshold() {
        ManagedRealm realm = realm(Map.of("maxFailures", 3, "sourceMaxFailures", 0));
        LockoutApi api = new LockoutApi(admin, realm.name());
        String userId = userId(realm);
        scorer.live();
        assertThat(signIn(realm).isCodeRedirect()).isTrue();
        assertThat(sessions(realm, userId)).isEqualTo(1);

        fail(realm, 2);

        assertThat(api.user(userId).path("failures").asLong()).isEqualTo(2);
        assertThat(api.user(userId).path("locked").asBoolean()).isFalse();
        assertThat(new LoginDriver(server, realm.name()).openLiveness().page().isLivenessPage()).isTrue();
        long mark = System.currentTimeMillis();

        fail(realm, 1);

        assertThat(api.user(userId).path("locked").asBoolean()).isTrue();
        assertThat(api.locks()).singleElement().satisfies(lock -> {
            assertThat(lock.path("kind").asText()).isEqualTo("user");
            assertThat(lock.path("username").asText()).isEqualTo(RealmBuilder.USERNAME);
            assertThat(lock.path("level").asText()).isEqualTo("temporary");
            assertThat(lock.path("reason").asText()).isEqualTo("consecutive_failures");
        });
        assertThat(sessions(realm, userId)).isZero();
        JsonNode lockEvent = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark)
                .and(withError(EventErrors.LIVENESS_LOCKED))
                .and(e -> LockoutEventDetails.ACTION_LOCKED.equals(detail(e, LockoutEventDetails.ACTION))));
        assertThat(detail(lockEvent, LockoutEventDetails.LEVEL)).isEqualTo("temporary");
        assertThat(detail(lockEvent, LockoutEventDetails.FAILURES)).isEqualTo("3");
        assertLockedOut(realm);
    }

    @Test
    @DisplayName("Given failures older than the window, then they no longer count")
    void windowExpires() {
        ManagedRealm realm = realm(Map.of("maxFailures", 2, "windowSeconds", 10, "sourceMaxFailures", 0));
        LockoutApi api = new LockoutApi(admin, realm.name());
        String userId = userId(realm);
        fail(realm, 1);
        assertThat(api.user(userId).path("failures").asLong()).isEqualTo(1);

        Optional<Boolean> expired = Poll.until(BOUND,
                () -> api.user(userId).path("failures").asLong() == 0 ? Optional.of(true) : Optional.empty());
        fail(realm, 1);

        assertThat(expired).contains(true);
        assertThat(api.user(userId).path("failures").asLong()).isEqualTo(1);
        assertThat(api.user(userId).path("recordedFailures").asLong()).isEqualTo(2);
        assertThat(api.user(userId).path("locked").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("Given a successful sign-in between failures, then the consecutive count starts again")
    void successResets() {
        ManagedRealm realm = realm(Map.of("maxFailures", 3, "sourceMaxFailures", 0));
        LockoutApi api = new LockoutApi(admin, realm.name());
        String userId = userId(realm);
        fail(realm, 2);
        scorer.live();

        assertThat(signIn(realm).isCodeRedirect()).isTrue();
        fail(realm, 2);

        assertThat(api.user(userId).path("failures").asLong()).isEqualTo(2);
        assertThat(api.user(userId).path("locked").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("Given a temporary lock already in the escalation window, then the next lock is permanent: the user "
            + "is disabled with a stated reason until an admin unlocks, and unlocking emits an admin event")
    void escalatesToPermanent() {
        ManagedRealm realm = realm(Map.of("maxFailures", 2, "maxTemporaryLocks", 1, "sourceMaxFailures", 0));
        LockoutApi api = new LockoutApi(admin, realm.name());
        String userId = userId(realm);
        fail(realm, 2);
        assertThat(api.user(userId).path("level").asText()).isEqualTo("temporary");
        api.unlockUser(userId);
        assertThat(api.locks()).isEmpty();

        fail(realm, 2);

        assertThat(api.locks()).singleElement().satisfies(lock -> {
            assertThat(lock.path("level").asText()).isEqualTo("permanent");
            assertThat(lock.path("reason").asText()).isEqualTo("repeated_locks");
            assertThat(lock.has("lockedUntil") && !lock.get("lockedUntil").isNull()).isFalse();
        });
        JsonNode user = admin.call("GET", "/admin/realms/" + realm.name() + "/users/" + userId, null, 200);
        assertThat(user.path("enabled").asBoolean()).isFalse();

        api.unlockUser(userId);

        assertThat(api.locks()).isEmpty();
        JsonNode unlocked = admin.call("GET", "/admin/realms/" + realm.name() + "/users/" + userId, null, 200);
        assertThat(unlocked.path("enabled").asBoolean()).isTrue();
        scorer.live();
        assertThat(signIn(realm).isCodeRedirect()).isTrue();
        JsonNode adminEvents = admin.call("GET", "/admin/realms/" + realm.name() + "/admin-events?max=50", null, 200);
        assertThat(adminEvents.findValuesAsText("resourcePath"))
                .contains("deepfake-guard-lockout/users/" + userId);
    }

    @Test
    @DisplayName("Given 20 concurrent failing attempts for one user, then every attempt that was scored and failed is "
            + "counted, exactly once")
    void countsConcurrentFailuresWithoutLoss() throws Exception {
        ManagedRealm realm = realm(Map.of("maxFailures", 100, "sourceMaxFailures", 0));
        LockoutApi api = new LockoutApi(admin, realm.name());
        String userId = userId(realm);
        scorer.scores(LOW_SCORE, 300);

        List<Page> answers = postAllAtOnce(openLiveness(realm, 20), 7000);

        answers.forEach(UserSafe::assertUserSafe);
        // On a loaded machine a failure may wait for the background worker; attempts that arrive meanwhile are
        // refused unscored (the generic page), so they are no failures to count.
        long failed = answers.stream().filter(Page::isLivenessPage).count();
        assertThat(failed).as("attempts that were scored and failed").isGreaterThanOrEqualTo(10);
        assertThat(awaitRecorded(api, userId, failed)).contains(failed);
        assertThat(api.user(userId).path("failures").asLong()).isEqualTo(failed);
    }

    @Test
    @DisplayName("Given 40 concurrent failing attempts for one user, more than the database pool serves at once, "
            + "then every attempt that failed is counted and the user is locked")
    void fortyConcurrentFailuresLockTheUser() throws Exception {
        ManagedRealm realm = realm(Map.of("maxFailures", 5, "sourceMaxFailures", 0));
        LockoutApi api = new LockoutApi(admin, realm.name());
        String userId = userId(realm);
        scorer.scores(LOW_SCORE, 300);
        List<Page> answers = postAllAtOnce(openLiveness(realm, CONCURRENT_FAILURES), 9000);

        answers.forEach(UserSafe::assertUserSafe);
        // A refused attempt shows a fresh challenge; one that arrived after the lock shows the generic page.
        long failed = answers.stream().filter(Page::isLivenessPage).count();
        assertThat(failed).as("attempts that were scored and failed").isGreaterThanOrEqualTo(5);
        assertThat(awaitRecorded(api, userId, failed)).as("failures counted for %d failed attempts", failed)
                .contains(failed);
        assertThat(api.user(userId).path("locked").asBoolean()).isTrue();
        assertLockedOut(realm);
    }

    /**
     * The user's recorded failures once they reach {@code expected} (failures the database could not take at once
     * are counted by the background worker), or empty after the bound: then some were lost.
     */
    private static Optional<Long> awaitRecorded(LockoutApi api, String userId, long expected) {
        return Poll.until(COUNT_BOUND, () -> {
            long recorded = api.user(userId).path("recordedFailures").asLong();
            return recorded >= expected ? Optional.of(recorded) : Optional.empty();
        });
    }

    /** {@code count} sign-ins of the realm's user, each waiting on its liveness page. */
    private List<LivenessPage> openLiveness(ManagedRealm realm, int count) {
        return ConcurrentPosts.openLiveness(server, realm.name(), count);
    }

    private static List<Page> postAllAtOnce(List<LivenessPage> pages, int seedBase) throws Exception {
        return ConcurrentPosts.postAllAtOnce(pages, seedBase);
    }

    @Test
    @DisplayName("Given three times as many sign-ins as the server has database connections, when their passwords "
            + "are posted at once, then every one reaches the camera page: the lock is read on the request's own "
            + "connection there, so no request waits for a second one that only another waiting request can free")
    void passwordBurstBeyondThePoolReachesTheCameraPage() throws Exception {
        ManagedRealm realm = realm(Map.of());
        int burst = 3 * ItSettings.dbPoolMaxSize();
        List<LoginPage> logins = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            logins.add(new LoginDriver(server, realm.name()).open());
        }
        ExecutorService pool = Executors.newFixedThreadPool(burst);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Page>> answers = new ArrayList<>();
            for (LoginPage login : logins) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return login.login(RealmBuilder.USERNAME, RealmBuilder.PASSWORD).page();
                }));
            }
            start.countDown();
            for (Future<Page> answer : answers) {
                Page page = answer.get(3, TimeUnit.MINUTES);
                assertThat(page.isLivenessPage()).as(page.describe()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("Given a sign-in whose frames are still being scored when concurrent failures lock the account, "
            + "then the sign-in is refused when its live verdict arrives")
    void lockSetDuringScoringRefusesTheSignIn() throws Exception {
        ObjectNode representation = LockoutRealm.build("dfg-lockout", scorer.url(),
                Map.of("maxFailures", 2, "sourceMaxFailures", 0));
        // The held answer must outlast the concurrent failures on a busy machine.
        livenessConfig(representation).put(HttpScorerConfig.CALL_TIMEOUT_MILLIS, "60000")
                .put(HttpScorerConfig.READ_TIMEOUT_MILLIS, "60000");
        ManagedRealm realm = admin.createRealm(representation);
        realms.add(realm);
        LockoutApi api = new LockoutApi(admin, realm.name());
        String userId = userId(realm);
        scorer.scores(LOW_SCORE, 300);
        LivenessPage live = new LoginDriver(server, realm.name()).openLiveness();
        List<LivenessPage> failing = openLiveness(realm, 2);
        ScorerStandIn.Hold held = scorer.holdLiveAnswerFor(live.challengeId());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Page> signIn = pool.submit(() -> live.submitNow(Submission.of(live,
                    SyntheticFrames.following(live.challenge(), 6000))).page());
            assertThat(held.awaitRequest(BOUND)).as("the live sign-in reached the scorer").isTrue();

            for (LivenessPage page : failing) {
                assertUserSafe(page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(),
                        6100 + failing.indexOf(page)))).page());
            }
            assertThat(api.user(userId).path("locked").asBoolean()).as("locked while the sign-in is scored").isTrue();
            held.release();

            Page answer = signIn.get(2, TimeUnit.MINUTES);
            assertUserSafe(answer);
            assertThat(answer.isCodeRedirect()).as(answer.describe()).isFalse();
            assertThat(answer.isLivenessPage()).as(answer.describe()).isFalse();
            assertThat(answer.message()).as(answer.describe()).hasValueSatisfying(
                    message -> assertThat(message).contains(LOCKED_TEXT));
        } finally {
            held.release();
            pool.shutdownNow();
        }
        assertThat(sessions(realm, userId)).isZero();
    }

    /** The liveness step's configuration in a realm representation, to add keys to. */
    static ObjectNode livenessConfig(ObjectNode representation) {
        for (JsonNode config : representation.path("authenticatorConfig")) {
            if ("liveness-config".equals(config.path("alias").asText())) {
                return (ObjectNode) config.get("config");
            }
        }
        throw new IllegalStateException("realm without liveness-config");
    }

    @Test
    @DisplayName("Given a broken threshold set, then it is rejected with the reason and the previous set stays")
    void rejectsBrokenConfig() {
        ManagedRealm realm = realm(Map.of("maxFailures", 4));
        LockoutApi api = new LockoutApi(admin, realm.name());

        HttpResponse<String> answer = api.putConfigRaw(Map.of("maxFailures", 0, "lockSeconds", "soon"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("deepfake-guard.lockout.maxFailures", "deepfake-guard.lockout.lockSeconds");
        assertThat(api.config().path("deepfake-guard.lockout.maxFailures").asText()).isEqualTo("4");
        assertThat(api.putConfig(Map.of("maxFailures", 6)).path("deepfake-guard.lockout.maxFailures").asText())
                .isEqualTo("6");
    }

    ManagedRealm realm(Map<String, ?> thresholds) {
        ManagedRealm realm = admin.createRealm(LockoutRealm.build("dfg-lockout", scorer.url(), thresholds));
        realms.add(realm);
        return realm;
    }

    String userId(ManagedRealm realm) {
        return admin.userByUsername(realm.name(), RealmBuilder.USERNAME).orElseThrow().path("id").asText();
    }

    /** {@code count} failed liveness checks in one sign-in (the realm allows 10 attempts per sign-in). */
    void fail(ManagedRealm realm, int count) {
        scorer.scores(LOW_SCORE, 300);
        LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
        for (int i = 0; i < count; i++) {
            NextStep next = page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(), 5000 + i)));
            assertUserSafe(next.page());
            if (i + 1 < count) {
                page = next.asLiveness();
            }
        }
    }

    /** A complete sign-in with whatever the scorer answers now. */
    Page signIn(ManagedRealm realm) {
        LivenessPage page = new LoginDriver(server, realm.name()).openLiveness();
        return page.submitNow(Submission.of(page, SyntheticFrames.following(page.challenge(), 4242))).page();
    }

    int sessions(ManagedRealm realm, String userId) {
        return admin.call("GET", "/admin/realms/" + realm.name() + "/users/" + userId + "/sessions", null, 200).size();
    }

    void assertLockedOut(ManagedRealm realm) {
        assertLockedOut(server, realm);
    }

    /** After the password, the generic page: no liveness page, no hint of a lock or a threshold. */
    static void assertLockedOut(KeycloakServer server, ManagedRealm realm) {
        Page page = new LoginDriver(server, realm.name()).open()
                .login(RealmBuilder.USERNAME, RealmBuilder.PASSWORD).page();
        assertUserSafe(page);
        assertThat(page.isLivenessPage()).as(page.describe()).isFalse();
        assertThat(page.isCodeRedirect()).isFalse();
        assertThat(page.message()).as(page.describe()).hasValueSatisfying(message -> assertThat(message)
                .contains(LOCKED_TEXT).doesNotContainIgnoringCase("lock").doesNotContainIgnoringCase("attempt")
                .doesNotContainPattern("\\d"));
    }
}

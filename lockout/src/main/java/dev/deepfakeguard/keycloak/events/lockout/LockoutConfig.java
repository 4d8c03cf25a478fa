package dev.deepfakeguard.keycloak.events.lockout;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.deepfakeguard.keycloak.contract.VaultReference;

/**
 * The lockout thresholds of one realm, read from realm attributes {@code deepfake-guard.lockout.*}. Built only
 * through {@link #from(Map)}, which rejects the whole set with every problem listed when one value is broken.
 *
 * @param maxFailures             consecutive failures of a user that lock it
 * @param window                  failures older than this no longer count
 * @param lockDuration            length of a temporary lock
 * @param maxTemporaryLocks       temporary locks within {@code escalationWindow} after which the next lock is
 *                                permanent; 0 = never permanent
 * @param escalationWindow        look-back of the escalation rule
 * @param sourceMaxFailures       failures from one source (any user) in the window that lock the source; 0 = off,
 *                                else at least {@value #SOURCE_FACTOR} × {@code maxFailures}
 * @param sourcePrefix            how much of a client address one source is (IPv4 /32, IPv6 /64 by default)
 * @param successResets           a successful sign-in restarts the user's consecutive count
 * @param countStepUpFailures     a failed second factor after a liveness step-up counts
 * @param countScorerUnavailable  a denial because the scorer was unavailable counts
 * @param webhookUrl              where alerts are posted, empty = no webhook
 * @param webhookSecret           HMAC key or vault reference such as {@code ${vault.dfg_webhook}}; never logged
 * @param webhookMaxAttempts      deliveries tried before an alert is given up
 * @param webhookRetry            wait before the first retry; doubles per attempt up to an hour
 * @param alertRole               realm role whose members get an e-mail per lock, empty = no e-mail
 */
public record LockoutConfig(int maxFailures, Duration window, Duration lockDuration,
                            int maxTemporaryLocks, Duration escalationWindow, int sourceMaxFailures,
                            SourcePrefix sourcePrefix, boolean successResets, boolean countStepUpFailures, boolean countScorerUnavailable,
                            Optional<URI> webhookUrl, String webhookSecret, int webhookMaxAttempts,
                            Duration webhookRetry, Optional<String> alertRole) {

    public static final String PREFIX = "deepfake-guard.lockout.";
    /**
     * A source lock stops everyone behind the address (a company's NAT, a carrier's CGNAT), so it needs failures of
     * many accounts: its threshold is at least this many times the user threshold.
     */
    public static final int SOURCE_FACTOR = 10;

    /** One documented key; the table in docs/lockout.md is checked against this list by a unit test. */
    public record Key(String name, String type, String defaultValue, String meaning) {
        public String attribute() {
            return PREFIX + name;
        }
    }

    public static final Key MAX_FAILURES = new Key("maxFailures", "integer 1–100", "5",
            "Consecutive failures of one user that lock the account (NIST SP 800-63B: at most 5 for biometrics).");
    public static final Key WINDOW_SECONDS = new Key("windowSeconds", "integer 10–2592000", "86400",
            "Sliding window: failures older than this no longer count.");
    public static final Key LOCK_SECONDS = new Key("lockSeconds", "integer 60–604800", "1800",
            "Length of a temporary lock (AWS liveness guidance: 30–60 minutes).");
    public static final Key MAX_TEMPORARY_LOCKS = new Key("maxTemporaryLocks", "integer 0–100", "3",
            "Temporary locks within the escalation window after which the next lock is permanent (user disabled "
                    + "until an admin unlocks). 0: never permanent.");
    public static final Key ESCALATION_WINDOW_SECONDS = new Key("escalationWindowSeconds", "integer 60–31536000",
            "86400", "Look-back of the escalation rule.");
    public static final Key SOURCE_MAX_FAILURES = new Key("sourceMaxFailures", "integer 0–100000", "100",
            "Failures from one source (address or network, see the prefixes below), whatever the user, within the "
                    + "window that lock the source for lockSeconds. 0: no source locks; otherwise at least "
                    + SOURCE_FACTOR + " × maxFailures, because a source lock stops everyone behind that address.");
    public static final Key SOURCE_IPV4_PREFIX = new Key("sourceIpv4Prefix", "integer 16–32", "32",
            "Leading bits of an IPv4 client address that form one source: 32 = one address, 24 = its /24.");
    public static final Key SOURCE_IPV6_PREFIX = new Key("sourceIpv6Prefix", "integer 32–128", "64",
            "Leading bits of an IPv6 client address that form one source: 64 = the /64 a device picks its "
                    + "addresses from, 128 = one address. IPv4-mapped addresses count as IPv4.");
    public static final Key SUCCESS_RESETS = new Key("successResets", "boolean", "true",
            "A successful sign-in that passed the liveness check (or its step-up) restarts the user's count.");
    public static final Key COUNT_STEP_UP_FAILURES = new Key("countStepUpFailures", "boolean", "true",
            "A failed second factor after a liveness step-up counts as a failure.");
    public static final Key COUNT_SCORER_UNAVAILABLE = new Key("countScorerUnavailable", "boolean", "false",
            "A denial because the scorer was unavailable counts (off: an outage must not lock everyone out).");
    public static final Key WEBHOOK_URL = new Key("webhook.url", "URL", "—",
            "Alerts are POSTed here as JSON. https, or http to a loopback address. Empty: no webhook.");
    public static final Key WEBHOOK_SECRET = new Key("webhook.secret", "vault reference", "—",
            "HMAC-SHA256 key of the X-Deepfake-Guard-Signature header, e.g. ${vault.dfg_webhook_secret}. "
                    + "Required with a webhook URL. A literal secret is refused unless the server allows it "
                    + "(development only).");
    public static final Key WEBHOOK_MAX_ATTEMPTS = new Key("webhook.maxAttempts", "integer 1–100", "12",
            "Deliveries tried (also across restarts) before an alert is given up.");
    public static final Key WEBHOOK_RETRY_SECONDS = new Key("webhook.retrySeconds", "integer 1–3600", "30",
            "Wait before the first retry; doubles per attempt, at most one hour.");
    public static final Key ALERT_ROLE = new Key("alertRole", "realm role", "—",
            "Members of this realm role with a verified e-mail get one e-mail per lock. Empty: no e-mail.");

    public static final List<Key> KEYS = List.of(MAX_FAILURES, WINDOW_SECONDS, LOCK_SECONDS,
            MAX_TEMPORARY_LOCKS, ESCALATION_WINDOW_SECONDS, SOURCE_MAX_FAILURES, SOURCE_IPV4_PREFIX, SOURCE_IPV6_PREFIX,
            SUCCESS_RESETS,
            COUNT_STEP_UP_FAILURES, COUNT_SCORER_UNAVAILABLE, WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_MAX_ATTEMPTS,
            WEBHOOK_RETRY_SECONDS, ALERT_ROLE);

    public static LockoutConfig defaults() {
        return from(Map.of());
    }

    /**
     * @param attributes realm attributes (other keys are ignored)
     * @throws InvalidLockoutConfigException listing every broken value
     */
    public static LockoutConfig from(Map<String, String> attributes) {
        return parse(attributes, true);
    }

    /**
     * A set as stored in a realm. Like {@link #from}, except that a source threshold below {@value #SOURCE_FACTOR} ×
     * {@code maxFailures} is kept: earlier versions had no such floor and wrote their default of 20 with every
     * change, and throwing away the whole set (webhook, alert role and all) over it would be worse. The floor holds
     * for every set written from now on.
     *
     * @throws InvalidLockoutConfigException listing every other broken value
     */
    public static LockoutConfig stored(Map<String, String> attributes) {
        return parse(attributes, false);
    }

    /** The problem with the source threshold of this set, if it is below the floor that writes must respect. */
    public Optional<String> sourceFloorProblem() {
        if (sourceMaxFailures == 0 || sourceMaxFailures >= SOURCE_FACTOR * maxFailures) {
            return Optional.empty();
        }
        return Optional.of(SOURCE_MAX_FAILURES.attribute() + " must be 0 or at least " + SOURCE_FACTOR + " × "
                + MAX_FAILURES.attribute() + " = " + SOURCE_FACTOR * maxFailures + ", was " + sourceMaxFailures
                + ": a source lock stops everyone behind that address");
    }

    private static LockoutConfig parse(Map<String, String> attributes, boolean enforceSourceFloor) {
        LockoutAttributes reader = new LockoutAttributes(attributes);
        LockoutConfig config = new LockoutConfig(
                reader.integer(MAX_FAILURES, 1, 100),
                Duration.ofSeconds(reader.integer(WINDOW_SECONDS, 10, 2_592_000)),
                Duration.ofSeconds(reader.integer(LOCK_SECONDS, 60, 604_800)),
                reader.integer(MAX_TEMPORARY_LOCKS, 0, 100),
                Duration.ofSeconds(reader.integer(ESCALATION_WINDOW_SECONDS, 60, 31_536_000)),
                reader.integer(SOURCE_MAX_FAILURES, 0, 100_000),
                new SourcePrefix(reader.integer(SOURCE_IPV4_PREFIX, SourcePrefix.MIN_IPV4, 32),
                        reader.integer(SOURCE_IPV6_PREFIX, SourcePrefix.MIN_IPV6, 128)),
                reader.bool(SUCCESS_RESETS),
                reader.bool(COUNT_STEP_UP_FAILURES),
                reader.bool(COUNT_SCORER_UNAVAILABLE),
                reader.url(WEBHOOK_URL),
                reader.text(WEBHOOK_SECRET),
                reader.integer(WEBHOOK_MAX_ATTEMPTS, 1, 100),
                Duration.ofSeconds(reader.integer(WEBHOOK_RETRY_SECONDS, 1, 3600)),
                Optional.of(reader.text(ALERT_ROLE)).filter(role -> !role.isEmpty()));
        if (enforceSourceFloor) {
            config.sourceFloorProblem().ifPresent(reader::problem);
        }
        if (config.webhookUrl.isPresent() && config.webhookSecret.isEmpty()) {
            reader.problem(WEBHOOK_SECRET.attribute() + " is required when " + WEBHOOK_URL.attribute()
                    + " is set: receivers must be able to verify alerts");
        }
        if (!reader.problems().isEmpty()) {
            throw new InvalidLockoutConfigException(reader.problems());
        }
        return config;
    }

    /**
     * Problems of the webhook secret as a stored value: a literal secret in a realm attribute is readable by every
     * admin with view-realm, so only a vault reference is accepted unless the server allows literals (development).
     */
    public List<String> secretProblems(boolean allowLiteralSecrets) {
        if (webhookSecret.isEmpty() || allowLiteralSecrets || VaultReference.is(webhookSecret)) {
            return List.of();
        }
        return List.of(WEBHOOK_SECRET.attribute() + " must be a vault reference such as ${vault.dfg_webhook_secret}: "
                + "a literal secret is readable by every admin who can view the realm");
    }

    /** Whether the webhook secret is a literal the server refuses to use. */
    public boolean webhookSecretIsRefusedLiteral(boolean allowLiteralSecrets) {
        return !secretProblems(allowLiteralSecrets).isEmpty();
    }

    /** The attributes that represent this config, for writing back after validation. */
    public Map<String, String> toAttributes() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(MAX_FAILURES.attribute(), Integer.toString(maxFailures));
        map.put(WINDOW_SECONDS.attribute(), Long.toString(window.toSeconds()));
        map.put(LOCK_SECONDS.attribute(), Long.toString(lockDuration.toSeconds()));
        map.put(MAX_TEMPORARY_LOCKS.attribute(), Integer.toString(maxTemporaryLocks));
        map.put(ESCALATION_WINDOW_SECONDS.attribute(), Long.toString(escalationWindow.toSeconds()));
        map.put(SOURCE_MAX_FAILURES.attribute(), Integer.toString(sourceMaxFailures));
        map.put(SOURCE_IPV4_PREFIX.attribute(), Integer.toString(sourcePrefix.ipv4()));
        map.put(SOURCE_IPV6_PREFIX.attribute(), Integer.toString(sourcePrefix.ipv6()));
        map.put(SUCCESS_RESETS.attribute(), Boolean.toString(successResets));
        map.put(COUNT_STEP_UP_FAILURES.attribute(), Boolean.toString(countStepUpFailures));
        map.put(COUNT_SCORER_UNAVAILABLE.attribute(), Boolean.toString(countScorerUnavailable));
        map.put(WEBHOOK_URL.attribute(), webhookUrl.map(URI::toString).orElse(""));
        map.put(WEBHOOK_SECRET.attribute(), webhookSecret);
        map.put(WEBHOOK_MAX_ATTEMPTS.attribute(), Integer.toString(webhookMaxAttempts));
        map.put(WEBHOOK_RETRY_SECONDS.attribute(), Long.toString(webhookRetry.toSeconds()));
        map.put(ALERT_ROLE.attribute(), alertRole.orElse(""));
        return map;
    }

    /** The secret is never part of the text form. */
    @Override
    public String toString() {
        Map<String, String> shown = toAttributes();
        shown.put(WEBHOOK_SECRET.attribute(), webhookSecret.isEmpty() ? "" : "(set)");
        return "LockoutConfig" + shown;
    }

    /** A threshold set that cannot be used; the message names every broken key. */
    public static final class InvalidLockoutConfigException extends IllegalArgumentException {
        private final List<String> problems;

        public InvalidLockoutConfigException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}

package dev.deepfakeguard.keycloak.metrics;

import java.util.List;

/**
 * Every meter Deepfake Guard registers, with its tags and meaning. Tags are low-cardinality on purpose: realm names,
 * flows, decisions, reason codes, scorer ids, channels — never a user, an address or a user agent. The table in
 * {@code docs/metrics.md} is this list, so the two cannot drift apart.
 */
public enum GuardMeter {

    DECISIONS("dfg.liveness.decisions", Kind.COUNTER, null, List.of("realm", "flow", "decision", "reason"),
            "Liveness decisions. `reason` is the first reason code of the decision (`none` without one, `other` "
                    + "for a code the scorer invented)."),
    DEEPFAKE_SUSPECTED("dfg.liveness.deepfake.suspected", Kind.COUNTER, null, List.of("realm", "flow"),
            "Denials whose reasons point at an attack on the camera feed (replayed or synthetic media, virtual "
                    + "camera, implausible timing); the same decisions as error `deepfake_suspected`."),
    FALLBACKS("dfg.liveness.fallbacks", Kind.COUNTER, null, List.of("realm", "flow", "reason"),
            "Decisions taken by the policy's fallback because no verdict was possible (scorer fault or missing, "
                    + "no camera)."),
    SCORER_LATENCY("dfg.scorer.latency", Kind.TIMER, "seconds", List.of("scorer", "outcome"),
            "Time of one scorer call, as a histogram; `outcome` is `verdict` or `unavailable`."),
    SCORER_AVAILABLE("dfg.scorer.available", Kind.GAUGE, null, List.of("scorer"),
            "1 when the last call to the scorer on this node gave a verdict, 0 when it did not."),
    LOCKS_CREATED("dfg.locks.created", Kind.COUNTER, null, List.of("realm", "subject", "level", "reason"),
            "Locks set; `subject` is `user` or `source`, `level` `temporary` or `permanent`."),
    LOCKS_ESCALATED("dfg.locks.escalated", Kind.COUNTER, null, List.of("realm", "subject"),
            "Locks made permanent because the subject was locked repeatedly."),
    LOCKS_ACTIVE("dfg.locks.active", Kind.GAUGE, null, List.of("realm", "subject"),
            "Locks in force now (refreshed every 15 s from the database, every node sees all)."),
    UNLOCKS("dfg.unlocks", Kind.COUNTER, null, List.of("realm", "subject"),
            "Locks lifted by an administrator."),
    OUTBOX_BACKLOG("dfg.outbox.backlog", Kind.GAUGE, null, List.of("channel"),
            "Alerts waiting for delivery; `channel` is `webhook` or `email`."),
    OUTBOX_OLDEST("dfg.outbox.oldest.age", Kind.GAUGE, "seconds", List.of("channel"),
            "Age of the oldest alert still waiting; it grows while a receiver stays unreachable."),
    OUTBOX_GIVEN_UP("dfg.outbox.given.up", Kind.GAUGE, null, List.of("channel"),
            "Alerts given up after their last attempt (kept 7 days)."),
    OUTBOX_ATTEMPT_FAILURES("dfg.outbox.attempt.failures", Kind.COUNTER, null, List.of("channel", "code"),
            "Failed delivery attempts by error code, on this node."),
    HELPDESK_VERIFICATIONS("dfg.helpdesk.verifications", Kind.COUNTER, null, List.of("realm", "outcome"),
            "Helpdesk verifications reaching an outcome: `reset_issued`, then `done` or `expired`; or `expired`, "
                    + "`reported`, `cancelled`, `liveness_failed`, `code_failed`."),
    AUDIT_CAPTURED("dfg.audit.records.captured", Kind.COUNTER, null, List.of(),
            "Audit records captured on this node since start."),
    AUDIT_CAPTURE_FAILURES("dfg.audit.capture.failures", Kind.COUNTER, null, List.of(),
            "Actions whose audit record could not be written on this node since start."),
    AUDIT_CHAINED("dfg.audit.records.chained", Kind.COUNTER, null, List.of(),
            "Audit records linked into this node's signed chain since start."),
    AUDIT_CHAIN_FAILURES("dfg.audit.chain.failures", Kind.COUNTER, null, List.of(),
            "Chaining rounds that failed on this node since start."),
    AUDIT_CHAIN_LAG("dfg.audit.chain.lag", Kind.GAUGE, "seconds", List.of(),
            "How long the oldest record of the last chaining round waited between capture and chain."),
    AUDIT_UNSIGNED_TAIL("dfg.audit.unsigned.tail", Kind.GAUGE, "seconds", List.of(),
            "Time since this node's last successful chaining round: everything captured before it is chained "
                    + "and covered by a signed checkpoint, so no record is unsigned for longer.");

    /** How Micrometer reports the meter, and so how its name looks on {@code /metrics}. */
    public enum Kind {
        COUNTER, GAUGE, TIMER
    }

    private final String meterName;
    private final Kind kind;
    private final String baseUnit;
    private final List<String> tags;
    private final String meaning;

    GuardMeter(String meterName, Kind kind, String baseUnit, List<String> tags, String meaning) {
        this.meterName = meterName;
        this.kind = kind;
        this.baseUnit = baseUnit;
        this.tags = tags;
        this.meaning = meaning;
    }

    /** The Micrometer name, dot-separated. */
    public String meterName() {
        return meterName;
    }

    public Kind kind() {
        return kind;
    }

    /** Base unit given to Micrometer, or null. */
    public String baseUnit() {
        return baseUnit;
    }

    public List<String> tags() {
        return tags;
    }

    public String meaning() {
        return meaning;
    }

    /**
     * The name of the series on Keycloak's Prometheus endpoint: dots become underscores, the unit is appended,
     * counters end in {@code _total}; a timer also has {@code _bucket}, {@code _count}, {@code _sum} and {@code _max}.
     */
    public String prometheusName() {
        String name = meterName.replace('.', '_');
        if (kind == Kind.TIMER) {
            return name + "_seconds";
        }
        if (baseUnit != null) {
            name = name + "_" + baseUnit;
        }
        return kind == Kind.COUNTER ? name + "_total" : name;
    }

    /** Every series name this meter puts on {@code /metrics}. */
    public List<String> prometheusSeries() {
        String name = prometheusName();
        if (kind == Kind.TIMER) {
            return List.of(name + "_bucket", name + "_count", name + "_sum", name + "_max");
        }
        return List.of(name);
    }
}

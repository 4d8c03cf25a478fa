package dev.deepfakeguard.keycloak.audit.format;

/**
 * Names shared by the exporter and the verifier. An export is JSON Lines: one {@code header}, one {@code manifest},
 * then per chain an {@code anchor} when the exported segment does not start at the chain's first record, its
 * {@code record} (or {@code elided}) lines in sequence order with each {@code checkpoint} after the record it ends on,
 * then the anchors of predecessor epochs outside the range, {@code pending} lines (captured, not chained yet) and
 * one {@code end} line.
 */
public final class ExportFormat {

    /** Format 2: realm-bound records, the realm id in the header, anchors (docs/audit.md, "Format versions"). */
    public static final String FORMAT = "deepfake-guard-audit/2";
    /** Exports written before format 2; still read, with what they cannot prove reported as incomplete. */
    public static final String FORMAT_1 = "deepfake-guard-audit/1";

    /** Member of every line naming what the line is. */
    public static final String LINE_KIND = "kind";
    public static final String HEADER = "header";
    public static final String MANIFEST = "manifest";
    public static final String RECORD = "record";
    /** A record of another realm: only its chain position and hash, so the chain still links. */
    public static final String ELIDED = "elided";
    public static final String PENDING = "pending";
    public static final String CHECKPOINT = "checkpoint";
    /**
     * A signed checkpoint that covers no record of the export: the one just before a chain segment that starts in
     * the middle of its chain, or the last one of a predecessor epoch that lies outside the exported range.
     */
    public static final String ANCHOR = "anchor";
    public static final String END = "end";

    /** Record types ({@code type} member of a record). */
    public static final String TYPE_USER_EVENT = "user_event";
    public static final String TYPE_ADMIN_EVENT = "admin_event";
    public static final String TYPE_EPOCH_START = "epoch_start";
    public static final String TYPE_KEY_ROTATION = "key_rotation";
    public static final String TYPE_CAPTURE_FAILURE = "capture_failure";
    /**
     * A live node took over the orphaned records of a retired node: member {@code retired} names the retired node's
     * last epoch end ({@code node}, {@code epoch}, {@code seq}, {@code hash}, {@code keyId}), which closes it; the
     * adopted records follow in the live node's chain.
     */
    public static final String TYPE_NODE_HANDOVER = "node_handover";

    private ExportFormat() {
    }
}

package dev.deepfakeguard.keycloak.audit.verify;

import java.util.Map;

import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.RecordHash;

/**
 * The parsing path for record and elided lines: the record's hash over its RFC 8785 form (bound to its realm from
 * format 2 on), its realm, its personal part, an epoch_start's hand-over and a node_handover, then its place in the
 * chain. Every record line the {@link FastRecordPath} does not take comes here.
 */
final class ParsedRecords {

    private final ExportVerifier verifier;
    private final Report report;
    /** One-entry cache of a realm's tag: records come in runs of one realm. */
    private String lastRealm;
    private byte[] lastRealmTag;

    ParsedRecords(ExportVerifier verifier) {
        this.verifier = verifier;
        this.report = verifier.report;
    }

    private byte[] realmTag(String realm) {
        if (realm == null) {
            return RecordHash.realmTag(null);
        }
        if (!realm.equals(lastRealm)) {
            lastRealm = realm;
            lastRealmTag = RecordHash.realmTag(realm);
        }
        return lastRealmTag;
    }

    /**
     * @param recordHash   the record's canonical hash if computed ahead ({@link ParsedLine}), else null
     * @param personalHash the personal part's canonical hash if computed ahead, else null
     */
    void record(Map<String, Object> json, String recordHash, String personalHash) {
        Map<String, Object> record = Fields.object(json, "record");
        String node = Fields.string(record, "node");
        String epoch = Fields.string(record, "epoch");
        long seq = Fields.integer(record, "seq");
        String prevHash = Fields.string(record, "prevHash");
        String stated = Fields.string(json, "hash");
        long version = record.containsKey("v") ? Fields.integer(record, "v") : 1;
        String realm = record.containsKey("realm") ? Fields.string(record, "realm") : null;
        String computed = recordHash != null ? recordHash : Digests.canonicalHash(record);
        Chain chain = verifier.chain(node, epoch);
        String where = verifier.where("record", seq, chain);
        boolean sound = true;
        if (version == RecordHash.VERSION_REALM_BOUND) {
            computed = RecordHash.chained(RecordHash.bytes(computed), realmTag(realm));
        } else if (version != 1) {
            report.invalid(where + ": unknown record format " + version);
            sound = false;
        }
        if (!Digests.sameHash(stated, computed)) {
            report.invalid(where + ": hash does not match its content");
            sound = false;
        }
        if (version == RecordHash.VERSION_REALM_BOUND && !realmMatches(version, realm, chain, seq)) {
            sound = false;
        }
        if (!personalPartMatches(json, record, where, personalHash)) {
            sound = false;
        }
        if (seq == 1) {
            epochStart(chain, record);
        }
        verifier.retirements().read(chain, record, verifier.report, where);
        verifier.place(chain, new Chain.Link(seq, computed, prevHash, sound, verifier.lineNumber(), version, false),
                "record");
        report.records++;
    }

    /**
     * A record of another realm. A format 2 elided line shows the record's content hash and realm tag: the hash must
     * follow from them, and the tag must be neither the exported realm's (a record of this realm hidden from it)
     * nor the tag of no realm (the listener's own records belong in every export).
     */
    void elided(Map<String, Object> json) {
        String node = Fields.string(json, "node");
        String epoch = Fields.string(json, "epoch");
        long seq = Fields.integer(json, "seq");
        String stated = Fields.string(json, "hash");
        Chain chain = verifier.chain(node, epoch);
        long version = 1;
        if (json.containsKey("content") || json.containsKey("realm")) {
            version = RecordHash.VERSION_REALM_BOUND;
            byte[] content = RecordHash.bytes(Fields.string(json, "content"));
            String realmTag = Fields.string(json, "realm");
            String where = verifier.where("elided record", seq, chain);
            if (!verifier.strict()) {
                report.invalid(where + ": of format " + version + ", in an export whose header says "
                        + ExportFormat.FORMAT_1);
            } else if (!Digests.sameHash(stated, RecordHash.chained(content, RecordHash.bytes(realmTag)))) {
                report.invalid(where + ": hash does not match its content and realm (moved between realms?)");
            } else if (realmTag.equals(RecordHash.NO_REALM)) {
                report.invalid(where + ": a record of no realm, which every export must show, is elided");
            } else if (realmTag.equals(verifier.exportRealmTag())) {
                report.invalid(where + ": a record of the exported realm is elided (hidden from this export)");
            }
        }
        verifier.place(chain, new Chain.Link(seq, stated, Fields.string(json, "prevHash"), false,
                verifier.lineNumber(), version, true),
                "elided record");
        report.elided++;
    }

    private boolean personalPartMatches(Map<String, Object> line, Map<String, Object> record, String where,
                                        String personalHash) {
        Object digest = record.get("personalDigest");
        Object personal = line.get("personal");
        boolean hasDigest = digest instanceof String;
        boolean hasPersonal = personal instanceof Map;
        if (hasDigest && !hasPersonal) {
            report.erasedPersonalParts++;
            return true;
        }
        if (hasPersonal && !hasDigest) {
            report.invalid(where + ": carries a personal part but no personalDigest");
            return false;
        }
        if (hasPersonal && !Digests.sameHash((String) digest,
                personalHash != null ? personalHash : Digests.canonicalHash(personal))) {
            report.invalid(where + ": personal part does not match its digest");
            return false;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private void epochStart(Chain chain, Map<String, Object> record) {
        if (!ExportFormat.TYPE_EPOCH_START.equals(record.get("type"))) {
            return;
        }
        chain.startsWithEpochRecord = true;
        chain.startTime = record.get("time") instanceof Long time ? time : 0;
        Object previous = record.get("previous");
        if (previous instanceof Map<?, ?> map) {
            Map<String, Object> p = (Map<String, Object>) map;
            chain.predecessor = new Chain.Predecessor(Fields.string(p, "epoch"), Fields.integer(p, "seq"),
                    Fields.string(p, "hash"), "witness".equals(record.get("previousFrom")));
        }
    }

    /**
     * A format 2 record must belong to the exported realm or to none (the listener's own records), and must not
     * appear in an export that claims format 1, whose weaker rules would then apply to it.
     */
    boolean realmMatches(long version, String realm, Chain chain, long seq) {
        if (version < RecordHash.VERSION_REALM_BOUND) {
            return true;
        }
        if (!verifier.strict()) {
            report.invalid(verifier.where("record", seq, chain) + ": of format " + version
                    + ", in an export whose header says " + ExportFormat.FORMAT_1);
            return false;
        }
        if (realm != null && verifier.exportRealmId() != null && !realm.equals(verifier.exportRealmId())) {
            report.invalid(verifier.where("record", seq, chain) + ": belongs to realm " + realm
                    + ", not to the exported realm " + verifier.exportRealmId() + " (moved between realms?)");
            return false;
        }
        return true;
    }
}

package dev.deepfakeguard.keycloak.audit.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;
import dev.deepfakeguard.keycloak.audit.format.ManifestKey;
import dev.deepfakeguard.keycloak.audit.format.RecordHash;

/**
 * Checks one export offline, line by line: every record's hash over its RFC 8785 form (and, from format 2 on, its
 * realm: a record must be of the exported realm or of none, an elided one of another), the links between records,
 * gaps and order, every checkpoint's signature against the key manifest (and the operator's pinned keys), the
 * personal parts against their digests, that every chain starts at its genesis or at a signed anchor, the hand-over
 * between boot epochs (a named predecessor must be there or anchored), and that the file is whole.
 *
 * <p>Every problem becomes one {@link Finding} naming the line and the record; nothing in the input can make this
 * class throw.
 *
 * <p><b>Fast path.</b> A record line exactly as the exporter writes it, whose record and personal part are already in
 * RFC 8785 form, is checked without parsing: {@link RecordLineScanner} proves in one pass that the bytes are their own
 * canonical form and notes where seq, node, epoch, prevHash and personalDigest are, and the verifier hashes the
 * bytes as they stand (for canonical bytes that is exactly the hash of parse → canonicalise). Every other line — other
 * kinds, a record with seq 1 (its epoch_start members are read), and any record that is not byte-for-byte canonical
 * or not of the exported shape — goes through the fully parsing path, so every message stays what it was.
 */
public final class ExportVerifier {

    /** A live chain whose newest checkpoint is older than this many heartbeats may have lost its tail. */
    private static final int STALE_HEARTBEATS = 3;

    private final Set<String> pinnedKeyIds;
    private final Report report = new Report();
    private final Map<String, Chain> chains = new LinkedHashMap<>();
    private final Retirements retirements = new Retirements();
    private final Map<String, ManifestKey> manifest = new LinkedHashMap<>();
    private final boolean fastPath;
    private final RecordLineScanner scanner = new RecordLineScanner();
    private final MessageDigest sha256;
    private final byte[] digest = new byte[32];
    private final byte[] digestHex = new byte[64];
    private CharsetEncoder strictUtf8;
    private byte[] encoded = new byte[0];
    /** The chain of the previous fast-path record and its node and epoch bytes: records come in chain runs. */
    private Chain lastChain;
    private byte[] lastNode;
    private byte[] lastEpoch;
    /** Lines the fast path checked (for the tests that prove it agrees with the parsing path). */
    long fastLines;
    /**
     * Format 2 rules (the default): a chain must start at its genesis or at an anchor, a named predecessor epoch must
     * be present or anchored, and nothing of format 2 may appear in an export whose header says format 1.
     */
    private boolean strict = true;
    /** The exported realm's id from the header, its UTF-8 bytes and realm tag; null before a format 2 header. */
    private String exportRealmId;
    private byte[] exportRealmIdBytes;
    private String exportRealmTag;
    /** Validly signed anchor checkpoints by chain key. */
    private final Map<String, List<Checkpoint>> anchors = new HashMap<>();
    /** One-entry cache of a realm's tag: records come in runs of one realm. */
    private String lastRealm;
    private byte[] lastRealmTag;
    private byte[] lastRealmBytes;
    private boolean headerSeen;
    private boolean manifestSeen;
    private boolean manifestMissingReported;
    private boolean endSeen;
    private long exportedAt = Long.MAX_VALUE;
    private long heartbeatMillis;
    private int lineNumber;

    /** @param pinnedKeyIds key ids the operator trusts; empty = trust the export's own manifest */
    public ExportVerifier(Set<String> pinnedKeyIds) {
        this(pinnedKeyIds, true);
    }

    /** @param fastPath false = parse every line (the reference the fast path is tested against) */
    ExportVerifier(Set<String> pinnedKeyIds, boolean fastPath) {
        this.pinnedKeyIds = Set.copyOf(pinnedKeyIds);
        this.fastPath = fastPath;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }

    public static Report verify(BufferedReader export, Set<String> pinnedKeyIds) throws IOException {
        ExportVerifier verifier = new ExportVerifier(pinnedKeyIds);
        String line;
        while ((line = export.readLine()) != null) {
            verifier.line(line);
        }
        return verifier.finish();
    }

    /**
     * Reads the export as bytes, split into lines exactly as {@link BufferedReader#readLine} splits them (at
     * {@code \n}, {@code \r} or {@code \r\n}); a line that the fast path does not take is decoded as UTF-8 with
     * U+FFFD for undecodable bytes, as an {@code InputStreamReader} would, so a flipped byte is reported with its line
     * (as a hash mismatch) rather than as an unreadable file.
     */
    public static Report verify(InputStream export, Set<String> pinnedKeyIds) throws IOException {
        ExportVerifier verifier = new ExportVerifier(pinnedKeyIds);
        verifier.read(export);
        return verifier.finish();
    }

    void read(InputStream export) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int start = 0; // first byte of the current line
        int pos = 0; // where to look for its end
        int limit = 0; // end of the bytes read
        boolean afterCr = false; // a \n right after a \r ends no further line
        while (true) {
            if (afterCr && pos < limit) {
                afterCr = false;
                if (buffer[pos] == '\n') {
                    start = ++pos;
                }
            }
            if (pos == start && fastPath && !endSeen) {
                // A canonical record line is found, scanned and checked in one pass.
                int recordLineEnd = scanner.scanTerminated(buffer, start, limit);
                if (recordLineEnd >= 0 && scannedRecord(buffer)) {
                    afterCr = buffer[recordLineEnd] == '\r';
                    start = recordLineEnd + 1;
                    pos = start;
                    continue;
                }
            }
            int lineEnd = RecordLineScanner.lineEnd(buffer, pos, limit);
            if (lineEnd >= 0) {
                line(buffer, start, lineEnd - start);
                afterCr = buffer[lineEnd] == '\r';
                start = lineEnd + 1;
                pos = start;
                continue;
            }
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, limit - start);
                limit -= start;
                start = 0;
            }
            pos = limit;
            if (limit == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = export.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                break;
            }
            limit += n;
        }
        if (limit > start) {
            line(buffer, start, limit - start);
        }
    }

    /** One line as UTF-8 bytes, without its line terminator. */
    public void line(byte[] bytes, int offset, int length) {
        if (fastPath && fastRecord(bytes, offset, length)) {
            return;
        }
        line(new String(bytes, offset, length, StandardCharsets.UTF_8), false);
    }

    public void line(String text) {
        line(text, fastPath);
    }

    private void line(String text, boolean tryFastPath) {
        if (tryFastPath && !text.isEmpty() && text.charAt(0) == '{') {
            int length = encodeStrictly(text);
            if (length >= 0 && fastRecord(encoded, 0, length)) {
                return;
            }
        }
        lineNumber++;
        if (text.isBlank()) {
            return;
        }
        if (endSeen) {
            report.invalid("line " + lineNumber + ": content after the end line");
            return;
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (JsonSyntaxException e) {
            report.invalid("line " + lineNumber + ": not valid JSON (" + e.getMessage() + ")");
            return;
        }
        Object kind = json.get(ExportFormat.LINE_KIND);
        if (!headerSeen && !ExportFormat.HEADER.equals(kind)) {
            report.incomplete("line " + lineNumber + ": the export does not start with its header line");
            headerSeen = true;
        }
        try {
            dispatch(kind, json);
        } catch (IllegalArgumentException e) {
            report.invalid("line " + lineNumber + ": malformed " + kind + " line: " + e.getMessage());
        }
    }

    private void dispatch(Object kind, Map<String, Object> json) {
        if (!(kind instanceof String name)) {
            throw new IllegalArgumentException("member \"kind\" is missing");
        }
        switch (name) {
            case ExportFormat.HEADER -> header(json);
            case ExportFormat.MANIFEST -> manifest(json);
            case ExportFormat.RECORD -> record(json);
            case ExportFormat.ELIDED -> elided(json);
            case ExportFormat.CHECKPOINT -> checkpoint(json);
            case ExportFormat.ANCHOR -> anchor(json);
            case ExportFormat.PENDING -> report.pending++;
            case ExportFormat.END -> end(json);
            default -> report.invalid("line " + lineNumber + ": unknown line kind \"" + name + "\"");
        }
    }

    private void header(Map<String, Object> json) {
        if (headerSeen) {
            report.invalid("line " + lineNumber + ": a second header line");
            return;
        }
        headerSeen = true;
        String format = Fields.string(json, "format");
        if (ExportFormat.FORMAT.equals(format)) {
            exportRealmId = Fields.string(json, "realmId");
            exportRealmIdBytes = exportRealmId.getBytes(StandardCharsets.UTF_8);
            exportRealmTag = RecordHash.realmTagHex(exportRealmId);
        } else if (ExportFormat.FORMAT_1.equals(format)) {
            strict = false;
        } else {
            report.incomplete("line " + lineNumber + ": unknown format \"" + format + "\" (this verifier reads "
                    + ExportFormat.FORMAT + " and " + ExportFormat.FORMAT_1 + ")");
        }
        exportedAt = Math.min(Fields.integer(json, "exportedAt"), Fields.integer(json, "to"));
        heartbeatMillis = Fields.integer(json, "heartbeatMillis");
    }

    @SuppressWarnings("unchecked")
    private void manifest(Map<String, Object> json) {
        if (manifestSeen) {
            report.invalid("line " + lineNumber + ": a second key manifest");
            return;
        }
        manifestSeen = true;
        Object keys = json.get("keys");
        if (!(keys instanceof List<?> list)) {
            throw new IllegalArgumentException("member \"keys\" must be an array");
        }
        for (Object entry : list) {
            if (!(entry instanceof Map)) {
                throw new IllegalArgumentException("every key must be an object");
            }
            ManifestKey key = ManifestKey.fromJson((Map<String, Object>) entry);
            manifest.put(key.keyId(), key);
        }
        for (String pinned : pinnedKeyIds) {
            if (!manifest.containsKey(pinned)) {
                report.note("trusted key " + pinned + " does not appear in the export's manifest");
            }
        }
    }

    /**
     * The fast path for one record line; false, having changed nothing, when the line is not a canonical record line
     * of the exported shape (or is one the parsing path must read: seq 1, a node hand-over, or anything after the end line).
     */
    private boolean fastRecord(byte[] b, int offset, int length) {
        return !endSeen && scanner.scan(b, offset, length) && scannedRecord(b);
    }

    /** The fast path after a successful {@link RecordLineScanner} scan of {@code b}. */
    private boolean scannedRecord(byte[] b) {
        if (scanner.seq <= 1 || scanner.version < 1 || scanner.version > RecordHash.VERSION_REALM_BOUND
                || scanner.handOver) {
            return false;
        }
        Chain chain = fastChain(b);
        lineNumber++;
        if (!headerSeen) {
            report.incomplete("line " + lineNumber + ": the export does not start with its header line");
            headerSeen = true;
        }
        long seq = scanner.seq;
        long version = scanner.version;
        sha256(b, scanner.recordStart, scanner.recordEnd);
        if (version >= RecordHash.VERSION_REALM_BOUND) {
            sha256.update(digest);
            sha256(realmTag(b, scanner.realmStart, scanner.realmEnd), 0, 32);
        }
        String computed = Digests.hex(digest);
        boolean sound = true;
        if (!statedHashMatches(b, scanner.hashAt)) {
            report.invalid(where("record", seq, chain) + ": hash does not match its content");
            sound = false;
        }
        if (version >= RecordHash.VERSION_REALM_BOUND && !realmMatches(version, fastRealm(b), chain, seq)) {
            sound = false;
        }
        boolean hasDigest = scanner.digestStart >= 0;
        boolean hasPersonal = scanner.personalEnd >= 0;
        if (hasDigest && !hasPersonal) {
            report.erasedPersonalParts++;
        } else if (hasPersonal && !hasDigest) {
            report.invalid(where("record", seq, chain) + ": carries a personal part but no personalDigest");
            sound = false;
        } else if (hasPersonal) {
            sha256(b, scanner.personalStart, scanner.personalEnd);
            if (!digestHexEquals(b, scanner.digestStart, scanner.digestEnd)) {
                report.invalid(where("record", seq, chain) + ": personal part does not match its digest");
                sound = false;
            }
        }
        String prevHash = new String(b, scanner.prevHashStart, scanner.prevHashEnd - scanner.prevHashStart,
                StandardCharsets.ISO_8859_1);
        place(chain, new Chain.Link(seq, computed, prevHash, sound, lineNumber, version, false), "record");
        report.records++;
        fastLines++;
        return true;
    }

    /** The realm member of the scanned record (a plain ASCII string), without a copy when it is the export's. */
    private String fastRealm(byte[] b) {
        int start = scanner.realmStart;
        if (start < 0) {
            return null;
        }
        int end = scanner.realmEnd;
        if (exportRealmIdBytes != null && Arrays.equals(b, start, end, exportRealmIdBytes, 0,
                exportRealmIdBytes.length)) {
            return exportRealmId;
        }
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** The realm tag of the plain ASCII realm id at {@code b[start, end)} (none when start is -1), cached. */
    private byte[] realmTag(byte[] b, int start, int end) {
        if (start < 0) {
            return RecordHash.realmTag(null);
        }
        if (lastRealmBytes == null || !Arrays.equals(b, start, end, lastRealmBytes, 0, lastRealmBytes.length)) {
            lastRealmBytes = Arrays.copyOfRange(b, start, end);
            lastRealm = new String(lastRealmBytes, StandardCharsets.ISO_8859_1);
            lastRealmTag = RecordHash.realmTag(lastRealm);
        }
        return lastRealmTag;
    }

    private byte[] realmTag(String realm) {
        if (realm == null) {
            return RecordHash.realmTag(null);
        }
        if (!realm.equals(lastRealm)) {
            lastRealm = realm;
            lastRealmBytes = realm.getBytes(StandardCharsets.UTF_8);
            lastRealmTag = RecordHash.realmTag(realm);
        }
        return lastRealmTag;
    }

    /**
     * A format 2 record must belong to the exported realm or to none (the listener's own records), and must not
     * appear in an export that claims format 1, whose weaker rules would then apply to it.
     */
    private boolean realmMatches(long version, String realm, Chain chain, long seq) {
        if (version < RecordHash.VERSION_REALM_BOUND) {
            return true;
        }
        if (!strict) {
            report.invalid(where("record", seq, chain) + ": of format " + version + ", in an export whose header "
                    + "says " + ExportFormat.FORMAT_1);
            return false;
        }
        if (realm != null && exportRealmId != null && !realm.equals(exportRealmId)) {
            report.invalid(where("record", seq, chain) + ": belongs to realm " + realm + ", not to the exported "
                    + "realm " + exportRealmId + " (moved between realms?)");
            return false;
        }
        return true;
    }

    /** The record's chain; node and epoch are valid identifiers (the scanner checked them as requireId does). */
    private Chain fastChain(byte[] b) {
        int ns = scanner.nodeStart;
        int ne = scanner.nodeEnd;
        int es = scanner.epochStart;
        int ee = scanner.epochEnd;
        if (lastChain != null && Arrays.equals(b, ns, ne, lastNode, 0, lastNode.length)
                && Arrays.equals(b, es, ee, lastEpoch, 0, lastEpoch.length)) {
            return lastChain;
        }
        lastChain = chain(new String(b, ns, ne - ns, StandardCharsets.ISO_8859_1),
                new String(b, es, ee - es, StandardCharsets.ISO_8859_1));
        lastNode = Arrays.copyOfRange(b, ns, ne);
        lastEpoch = Arrays.copyOfRange(b, es, ee);
        return lastChain;
    }

    /** SHA-256 of what was fed so far and {@code b[from, to)} into {@link #digest}. */
    private void sha256(byte[] b, int from, int to) {
        sha256.update(b, from, to - from);
        try {
            sha256.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds SHA-256", e);
        }
    }

    /** The stated hash (64 lower-case hex digits at {@code at}) against {@link #digest}, in constant time. */
    private boolean statedHashMatches(byte[] b, int at) {
        int difference = 0;
        for (int i = 0; i < digest.length; i++) {
            int stated = RecordLineScanner.hexValue(b[at + 2 * i]) << 4 | RecordLineScanner.hexValue(b[at + 2 * i + 1]);
            difference |= stated ^ (digest[i] & 0xff);
        }
        return difference == 0;
    }

    /**
     * {@code Digests.sameHash(personalDigest, hex(digest))} for a plain ASCII personalDigest at {@code b[from, to)}:
     * equal length and equal bytes, in constant time.
     */
    private boolean digestHexEquals(byte[] b, int from, int to) {
        if (to - from != digestHex.length) {
            return false;
        }
        for (int i = 0; i < digest.length; i++) {
            digestHex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            digestHex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        int difference = 0;
        for (int i = 0; i < digestHex.length; i++) {
            difference |= b[from + i] ^ digestHex[i];
        }
        return difference == 0;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * UTF-8 of {@code text} into {@link #encoded}, refusing unpaired surrogates (which {@code getBytes} would turn
     * into '?', bytes the parsing path never sees); -1 when refused.
     */
    private int encodeStrictly(String text) {
        if (strictUtf8 == null) {
            strictUtf8 = StandardCharsets.UTF_8.newEncoder();
        }
        long worst = text.length() * 3L;
        if (worst > Integer.MAX_VALUE - 8) {
            return -1;
        }
        if (encoded.length < worst) {
            encoded = new byte[(int) Math.max(worst, 1024)];
        }
        ByteBuffer out = ByteBuffer.wrap(encoded);
        strictUtf8.reset();
        CoderResult result = strictUtf8.encode(CharBuffer.wrap(text), out, true);
        if (!result.isUnderflow() || !strictUtf8.flush(out).isUnderflow()) {
            return -1;
        }
        return out.position();
    }

    private static String where(String what, long seq, Chain chain, int line) {
        return "line " + line + ": " + what + " seq " + seq + " (" + chain.label() + ")";
    }

    private String where(String what, long seq, Chain chain) {
        return where(what, seq, chain, lineNumber);
    }

    private void record(Map<String, Object> json) {
        Map<String, Object> record = Fields.object(json, "record");
        String node = Fields.string(record, "node");
        String epoch = Fields.string(record, "epoch");
        long seq = Fields.integer(record, "seq");
        String prevHash = Fields.string(record, "prevHash");
        String stated = Fields.string(json, "hash");
        long version = record.containsKey("v") ? Fields.integer(record, "v") : 1;
        String realm = record.containsKey("realm") ? Fields.string(record, "realm") : null;
        String computed = Digests.canonicalHash(record);
        Chain chain = chain(node, epoch);
        String where = where("record", seq, chain);
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
        if (!personalPartMatches(json, record, where)) {
            sound = false;
        }
        if (seq == 1) {
            epochStart(chain, record);
        }
        retirements.read(chain, record, report, where);
        place(chain, new Chain.Link(seq, computed, prevHash, sound, lineNumber, version, false), "record");
        report.records++;
    }

    /**
     * A record of another realm. A format 2 elided line shows the record's content hash and realm tag: the hash must
     * follow from them, and the tag must be neither the exported realm's (a record of this realm hidden from it)
     * nor the tag of no realm (the listener's own records belong in every export).
     */
    private void elided(Map<String, Object> json) {
        String node = Fields.string(json, "node");
        String epoch = Fields.string(json, "epoch");
        long seq = Fields.integer(json, "seq");
        String stated = Fields.string(json, "hash");
        Chain chain = chain(node, epoch);
        long version = 1;
        if (json.containsKey("content") || json.containsKey("realm")) {
            version = RecordHash.VERSION_REALM_BOUND;
            byte[] content = RecordHash.bytes(Fields.string(json, "content"));
            String realmTag = Fields.string(json, "realm");
            String where = where("elided record", seq, chain);
            if (!strict) {
                report.invalid(where + ": of format " + version + ", in an export whose header says "
                        + ExportFormat.FORMAT_1);
            } else if (!Digests.sameHash(stated, RecordHash.chained(content, RecordHash.bytes(realmTag)))) {
                report.invalid(where + ": hash does not match its content and realm (moved between realms?)");
            } else if (realmTag.equals(RecordHash.NO_REALM)) {
                report.invalid(where + ": a record of no realm, which every export must show, is elided");
            } else if (realmTag.equals(exportRealmTag)) {
                report.invalid(where + ": a record of the exported realm is elided (hidden from this export)");
            }
        }
        place(chain, new Chain.Link(seq, stated, Fields.string(json, "prevHash"), false, lineNumber, version, true),
                "elided record");
        report.elided++;
    }

    private boolean personalPartMatches(Map<String, Object> line, Map<String, Object> record, String where) {
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
        if (hasPersonal && !Digests.sameHash((String) digest, Digests.canonicalHash(personal))) {
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

    /** @param what "record" or "elided record", for the messages (built only when there is something to say) */
    private void place(Chain chain, Chain.Link link, String what) {
        if (link.seq() < 1) {
            String where = where(what, link.seq(), chain, link.line());
            report.invalid(where + ": seq must be at least 1");
            return;
        }
        if (link.seq() <= chain.anchorSeq || chain.unsettled.containsKey(link.seq())) {
            report.invalid(where(what, link.seq(), chain, link.line()) + ": duplicate of an earlier record with the same seq");
            return;
        }
        if (link.seq() < chain.maxSeqRead) {
            report.invalid(where(what, link.seq(), chain, link.line()) + ": reordering, appears after seq " + chain.maxSeqRead);
        }
        chain.maxSeqRead = Math.max(chain.maxSeqRead, link.seq());
        chain.unsettled.put(link.seq(), link);
        chain.recordsRead++;
    }

    private void checkpoint(Map<String, Object> json) {
        report.checkpoints++;
        Checkpoint checkpoint = Checkpoint.fromJson(Fields.object(json, "checkpoint"));
        Chain chain = chain(checkpoint.node(), checkpoint.epoch());
        String where = "line " + lineNumber + ": checkpoint through seq " + checkpoint.throughSeq() + " ("
                + chain.label() + ")";
        boolean valid = signatureValid(checkpoint, Fields.string(json, "signature"), where);
        if (!strict && checkpoint.version() >= RecordHash.VERSION_REALM_BOUND) {
            report.invalid(where + ": of format " + checkpoint.version() + ", in an export whose header says "
                    + ExportFormat.FORMAT_1);
            valid = false;
        }
        chain.settle(checkpoint.throughSeq(), report, anchorsOf(chain.node, chain.epoch), strict);
        if (chain.anchorSeq < checkpoint.throughSeq()) {
            report.invalid(where + ": records seq " + (chain.anchorSeq + 1) + ".." + checkpoint.throughSeq()
                    + " it covers are missing (truncated or deleted)");
            valid = false;
        } else if (!Digests.sameHash(chain.anchorHash, checkpoint.headHash())) {
            report.invalid(where + ": head hash does not match record seq " + checkpoint.throughSeq());
            valid = false;
        }
        if (checkpoint.version() >= RecordHash.VERSION_REALM_BOUND && chain.legacySinceCheckpoint != null) {
            report.invalid(chain.legacySinceCheckpoint.describe(chain.label()) + ": of format 1 (no realm), but "
                    + "checkpoint through seq " + checkpoint.throughSeq() + " covers records of format "
                    + checkpoint.version() + " only (a record hidden as an elided line?)");
            valid = false;
        }
        chain.legacySinceCheckpoint = null;
        if (checkpoint.throughSeq() < chain.checkpointedThrough) {
            report.invalid(where + ": goes back behind the previous checkpoint (seq " + chain.checkpointedThrough
                    + ")");
            valid = false;
        }
        if (valid) {
            report.validCheckpoints++;
            report.validRecords += chain.soundSinceCheckpoint;
            chain.checkpointedThrough = checkpoint.throughSeq();
            chain.lastCheckpointTime = Math.max(chain.lastCheckpointTime, checkpoint.time());
        }
        chain.soundSinceCheckpoint = 0;
    }

    /**
     * A signed checkpoint that covers no record of the export: it anchors the start of a chain segment that does not
     * begin at seq 1, or the end of a predecessor epoch outside the exported range.
     */
    private void anchor(Map<String, Object> json) {
        Checkpoint checkpoint = Checkpoint.fromJson(Fields.object(json, "checkpoint"));
        Fields.requireId("node", checkpoint.node());
        String where = "line " + lineNumber + ": anchor checkpoint through seq " + checkpoint.throughSeq()
                + " (node " + checkpoint.node() + " epoch " + checkpoint.epoch() + ")";
        if (!signatureValid(checkpoint, Fields.string(json, "signature"), where)) {
            return;
        }
        if (!strict) {
            report.invalid(where + ": anchors do not exist in an export whose header says " + ExportFormat.FORMAT_1);
            return;
        }
        anchors.computeIfAbsent(Chain.key(checkpoint.node(), checkpoint.epoch()), key -> new ArrayList<>())
                .add(checkpoint);
    }

    private List<Checkpoint> anchorsOf(String node, String epoch) {
        return anchors.getOrDefault(Chain.key(node, epoch), List.of());
    }

    private boolean signatureValid(Checkpoint checkpoint, String signature, String where) {
        if (!manifestSeen) {
            if (!manifestMissingReported) {
                report.incomplete("line " + lineNumber + ": no key manifest before the first checkpoint; "
                        + "signatures cannot be checked");
                manifestMissingReported = true;
            }
            return false;
        }
        ManifestKey key = manifest.get(checkpoint.keyId());
        if (key == null) {
            report.invalid(where + ": signed with unknown key " + checkpoint.keyId());
            return false;
        }
        if (!pinnedKeyIds.isEmpty() && !pinnedKeyIds.contains(key.keyId())) {
            report.invalid(where + ": signed with key " + key.keyId() + ", which is in the export's manifest but "
                    + "not among the trusted keys");
            return false;
        }
        if (!key.algorithm().equals(checkpoint.algorithm())) {
            report.invalid(where + ": algorithm " + checkpoint.algorithm() + " does not match key "
                    + key.keyId() + " (" + key.algorithm() + ")");
            return false;
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            report.invalid(where + ": signature is not base64");
            return false;
        }
        byte[] signed = CanonicalJson.write(checkpoint.toJson()).getBytes(StandardCharsets.UTF_8);
        try {
            key.verifier().verify(signatureBytes, signed);
            return true;
        } catch (GeneralSecurityException e) {
            report.invalid(where + ": bad signature (key " + key.keyId() + ")");
            return false;
        }
    }

    private void end(Map<String, Object> json) {
        endSeen = true;
        long records = Fields.integer(json, "records");
        long checkpoints = Fields.integer(json, "checkpoints");
        if (records != report.records + report.elided || checkpoints != report.checkpoints) {
            report.invalid("line " + lineNumber + ": the end line counts " + records + " records and " + checkpoints
                    + " checkpoints, the export has " + (report.records + report.elided) + " and "
                    + report.checkpoints);
        }
    }

    private Chain chain(String node, String epoch) {
        return chains.computeIfAbsent(Chain.key(Fields.requireId("node", node), Fields.requireId("epoch", epoch)),
                key -> new Chain(node, epoch));
    }

    /** Settles what is left, checks the epoch hand-overs and the file's completeness. */
    public Report finish() {
        if (lineNumber == 0) {
            report.incomplete("the export is empty");
            return report;
        }
        if (!manifestSeen) {
            report.incomplete("the export has no key manifest line");
        }
        for (Chain chain : chains.values()) {
            report.epochs++;
            long checkpointed = chain.checkpointedThrough;
            long before = chain.anchorSeq;
            chain.settle(Long.MAX_VALUE, report, anchorsOf(chain.node, chain.epoch), strict);
            if (chain.anchorSeq > Math.max(checkpointed, before)) {
                report.incomplete(chain.label() + ": records seq " + (Math.max(checkpointed, before) + 1) + ".."
                        + chain.anchorSeq + " are not covered by a checkpoint");
            }
        }
        handOvers();
        retirements.check(chains, (node, closure) -> anchorsOf(node, closure.epoch()).stream().anyMatch(
                a -> a.throughSeq() == closure.seq() && Digests.sameHash(a.headHash(), closure.hash())), report);
        if (!endSeen) {
            report.incomplete("line " + lineNumber + ": the export ends without its end line (truncated)");
        }
        if (report.pending > 0) {
            report.incomplete(report.pending + " records were captured but not yet chained when exported");
        }
        return report;
    }

    /**
     * Every epoch that names its predecessor must find it: as a chain of the export that ends exactly where the
     * epoch_start said, or as an anchor checkpoint with that seq and head hash. A chain without successor is the
     * node's live (or last) epoch; a stale one may have lost its tail.
     */
    private void handOvers() {
        Map<String, Chain> successors = new LinkedHashMap<>();
        for (Chain chain : chains.values()) {
            if (chain.predecessor != null) {
                successors.put(Chain.key(chain.node, chain.predecessor.epoch()), chain);
            }
        }
        for (Chain chain : chains.values()) {
            if (chain.startsWithEpochRecord) {
                report.note("new epoch " + chain.epoch + " on node " + chain.node + " at "
                        + Instant.ofEpochMilli(chain.startTime) + describePredecessor(chain));
            }
            Chain.Predecessor said = chain.predecessor;
            if (said != null) {
                Chain previous = chains.get(Chain.key(chain.node, said.epoch()));
                if (previous != null) {
                    if (previous.anchorSeq != said.seq() || !Digests.sameHash(previous.anchorHash, said.hash())) {
                        report.invalid(previous.label() + " ends at seq " + previous.anchorSeq + " in this export, "
                                + "but epoch " + chain.epoch + " recorded its end at seq " + said.seq()
                                + " (truncated or altered)");
                    }
                } else if (!anchored(chain.node, said)) {
                    String missing = chain.label() + " follows epoch " + said.epoch() + " through seq " + said.seq()
                            + ", which is missing from this export";
                    if (strict) {
                        report.invalid(missing + " (its records and checkpoints were deleted)");
                    } else {
                        report.incomplete(missing + " (a format 1 export cannot show whether it is outside the "
                                + "exported range or deleted)");
                    }
                }
            }
            if (successors.get(Chain.key(chain.node, chain.epoch)) == null && !retirements.closes(chain)
                    && chain.lastCheckpointTime != Long.MIN_VALUE && heartbeatMillis > 0
                    && exportedAt != Long.MAX_VALUE
                    && exportedAt - chain.lastCheckpointTime > STALE_HEARTBEATS * heartbeatMillis) {
                report.incomplete(chain.label() + ": newest checkpoint is "
                        + (exportedAt - chain.lastCheckpointTime) / 1000 + " s older than the export; later records "
                        + "may be missing or the node stopped");
            }
        }
    }

    private boolean anchored(String node, Chain.Predecessor said) {
        return anchorsOf(node, said.epoch()).stream().anyMatch(a -> a.throughSeq() == said.seq()
                && Digests.sameHash(a.headHash(), said.hash()));
    }

    private String describePredecessor(Chain chain) {
        Chain.Predecessor previous = chain.predecessor;
        if (previous == null) {
            return " (first epoch of the node)";
        }
        String where = chains.containsKey(Chain.key(chain.node, previous.epoch())) ? ""
                : anchored(chain.node, previous) ? ", anchored by its last checkpoint before the exported range"
                : ", which is not in this export";
        return " (follows epoch " + previous.epoch() + " through seq " + previous.seq() + where
                + (previous.witnessed() ? "" : "; hand-over read from the database alone, without the node's own "
                + "witness of where that epoch ended") + ")";
    }
}

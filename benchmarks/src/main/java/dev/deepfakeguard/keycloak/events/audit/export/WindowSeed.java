package dev.deepfakeguard.keycloak.events.audit.export;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.deepfakeguard.keycloak.audit.chain.AuditSigningKey;
import dev.deepfakeguard.keycloak.audit.chain.ChainHead;
import dev.deepfakeguard.keycloak.audit.chain.LinkedRecord;
import dev.deepfakeguard.keycloak.audit.chain.Linker;
import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;

/**
 * Seeds one node's epoch of real chained records through JDBC batches: an {@code epoch_start}, then sign-in events of
 * one realm with every {@code dfg} detail and a salted personal part (its digest in the record), linked by the
 * chain's own {@link Linker} and signed by an Ed25519 checkpoint every 1000 records, as the chainer does. The verifier
 * checks every hash, link, personal digest and signature of what the export writes from these rows.
 */
final class WindowSeed {

    static final String NODE = "bench-node";
    static final String REALM_ID = "8d3f2c1e-5b7a-4e9d-a1c2-3f4e5d6c7b8a";
    private static final String EPOCH = "e-bench";
    private static final int CHECKPOINT_EVERY = 1000;
    private static final int COMMIT_EVERY = 10_000;
    private static final String RECORD = "insert into DFG_AUDIT_RECORD (ID, NODE, CAPTURED_AT, CAPTURE_SEQ, REALM_ID, "
            + "BODY, CHAIN_EPOCH, CHAIN_SEQ, PREV_HASH, HASH, RECORD_JSON, CHAINED_AT) "
            + "values (?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String PERSONAL = "insert into DFG_AUDIT_PERSONAL (RECORD_ID, USER_ID, PERSONAL_JSON) "
            + "values (?,?,?)";
    private static final String CHECKPOINT = "insert into DFG_AUDIT_CHECKPOINT (ID, NODE, EPOCH, THROUGH_SEQ, "
            + "HEAD_HASH, COVERED, CREATED_AT, KEY_ID, ALG, SIGNATURE, FORMAT_VERSION) values (?,?,?,?,?,?,?,?,?,?,?)";
    private static final String KEY = "insert into DFG_AUDIT_KEY (KEY_ID, ALG, PUBLIC_KEY, FIRST_USED, NODE) "
            + "values (?,?,?,?,?)";

    private final SecureRandom random = new SecureRandom();
    private final AuditSigningKey key = AuditSigningKey.generateEd25519();
    private final Linker linker = new Linker(ChainHead.empty(NODE, EPOCH));

    /** @return the capture time of the first record: the window's start */
    long fill(Connection c, int records) throws SQLException {
        long start = System.currentTimeMillis();
        try (PreparedStatement keyRow = c.prepareStatement(KEY);
             PreparedStatement record = c.prepareStatement(RECORD);
             PreparedStatement personal = c.prepareStatement(PERSONAL);
             PreparedStatement checkpoint = c.prepareStatement(CHECKPOINT)) {
            keyRow.setString(1, key.keyId());
            keyRow.setString(2, key.algorithm());
            keyRow.setString(3, Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
            keyRow.setLong(4, start);
            keyRow.setString(5, NODE);
            keyRow.executeUpdate();
            Map<String, Object> epochStart = new TreeMap<>();
            epochStart.put("type", ExportFormat.TYPE_EPOCH_START);
            epochStart.put("time", start);
            epochStart.put("keyId", key.keyId());
            epochStart.put("alg", key.algorithm());
            add(record, UUID.randomUUID().toString(), epochStart, linker.link(epochStart), null, start);
            for (int i = 2; i <= records; i++) {
                long time = start + i;
                String id = UUID.randomUUID().toString();
                String userId = "user-" + (i % 5000);
                Map<String, Object> part = personal(i);
                Map<String, Object> body = userEvent(i, time, userId);
                body.put("personalDigest", Digests.canonicalHash(part));
                add(record, id, body, linker.link(body, REALM_ID), REALM_ID, time);
                personal.setString(1, id);
                personal.setString(2, userId);
                personal.setString(3, CanonicalJson.write(part));
                personal.addBatch();
                if (i % CHECKPOINT_EVERY == 0 || i == records) {
                    sign(checkpoint, i, time);
                }
                if (i % COMMIT_EVERY == 0 || i == records) {
                    record.executeBatch();
                    personal.executeBatch();
                    checkpoint.executeBatch();
                    c.commit();
                }
            }
            record.executeBatch();
            c.commit();
        }
        return start;
    }

    private void sign(PreparedStatement checkpoint, int i, long time) throws SQLException {
        ChainHead head = linker.head();
        long covered = i % CHECKPOINT_EVERY == 0 ? CHECKPOINT_EVERY : i % CHECKPOINT_EVERY;
        Checkpoint signed = new Checkpoint(NODE, EPOCH, head.seq(), head.hash(), covered, time, key.keyId(),
                key.algorithm());
        checkpoint.setString(1, UUID.randomUUID().toString());
        checkpoint.setString(2, NODE);
        checkpoint.setString(3, EPOCH);
        checkpoint.setLong(4, head.seq());
        checkpoint.setString(5, head.hash());
        checkpoint.setLong(6, covered);
        checkpoint.setLong(7, time);
        checkpoint.setString(8, key.keyId());
        checkpoint.setString(9, key.algorithm());
        checkpoint.setString(10, key.sign(signed));
        checkpoint.setInt(11, (int) signed.version());
        checkpoint.addBatch();
    }

    private static void add(PreparedStatement record, String id, Map<String, Object> body, LinkedRecord linked,
                            String realmId, long time) throws SQLException {
        record.setString(1, id);
        record.setString(2, NODE);
        record.setLong(3, time);
        record.setLong(4, linked.seq());
        record.setString(5, realmId);
        record.setString(6, CanonicalJson.write(body));
        record.setString(7, EPOCH);
        record.setLong(8, linked.seq());
        record.setString(9, linked.prevHash());
        record.setString(10, linked.hash());
        record.setString(11, linked.json());
        record.setLong(12, time);
        record.addBatch();
    }

    private Map<String, Object> personal(int i) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Map<String, Object> part = new TreeMap<>();
        part.put("salt", Base64.getUrlEncoder().withoutPadding().encodeToString(salt));
        part.put("userName", "user" + (i % 5000) + "@example.org");
        part.put("ipAddress", "192.0.2." + (i % 250));
        part.put("userAgent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0");
        return part;
    }

    private static Map<String, Object> userEvent(int i, long time, String userId) {
        boolean denied = i % 10 == 0;
        Map<String, Object> event = new TreeMap<>();
        event.put("id", UUID.nameUUIDFromBytes(("ev-" + i).getBytes(StandardCharsets.UTF_8)).toString());
        event.put("type", denied ? "LOGIN_ERROR" : "LOGIN");
        event.put("realmId", REALM_ID);
        event.put("clientId", "account");
        event.put("userId", userId);
        event.put("sessionId", UUID.nameUUIDFromBytes(("s-" + i).getBytes(StandardCharsets.UTF_8)).toString());
        if (denied) {
            event.put("error", "deepfake_suspected");
        }
        Map<String, Object> thresholds = new TreeMap<>(Map.of("allow", 6000L, "stepUp", 4000L,
                "syntheticDeny", 5000L));
        Map<String, Object> dfg = new TreeMap<>();
        dfg.put("attempt", 1L);
        dfg.put("challengeId", UUID.nameUUIDFromBytes(("c-" + i).getBytes(StandardCharsets.UTF_8)).toString());
        dfg.put("decision", denied ? "deny" : "allow");
        dfg.put("livenessScore", 9600L);
        dfg.put("syntheticScore", denied ? 9900L : 150L);
        dfg.put("scorer", "embedded");
        dfg.put("modelVersion", "blazeface-short-range-128/sha256:4d2f");
        dfg.put("flow", "login");
        dfg.put("thresholds", thresholds);
        dfg.put("reasons", List.of(denied ? "synthetic_media" : "live_reflection"));
        Map<String, Object> body = new TreeMap<>();
        body.put("type", ExportFormat.TYPE_USER_EVENT);
        body.put("time", time);
        body.put("event", event);
        body.put("dfg", dfg);
        return body;
    }
}

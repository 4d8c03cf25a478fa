package dev.deepfakeguard.keycloak.audit.chain;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.ManifestKey;

/**
 * Writes the JSON Lines export. Stored records are already canonical text, so they are spliced in as they are:
 * the bytes the verifier hashes are the bytes that were chained.
 */
public final class ExportWriter {

    private final Writer out;
    private long records;
    private long checkpoints;
    private long pending;

    public ExportWriter(Writer out) {
        this.out = out;
    }

    /**
     * @param realm   the realm's name, for people
     * @param realmId the realm's id, which every record of the realm carries inside its hash
     */
    public void header(String realm, String realmId, long from, long to, long exportedAt, long heartbeatMillis)
            throws IOException {
        Map<String, Object> header = line(ExportFormat.HEADER);
        header.put("format", ExportFormat.FORMAT);
        header.put("realm", realm);
        header.put("realmId", realmId);
        header.put("from", from);
        header.put("to", to);
        header.put("exportedAt", exportedAt);
        header.put("heartbeatMillis", heartbeatMillis);
        write(header);
    }

    public void manifest(List<ManifestKey> keys) throws IOException {
        Map<String, Object> manifest = line(ExportFormat.MANIFEST);
        manifest.put("keys", keys.stream().map(ManifestKey::toJson).toList());
        write(manifest);
    }

    /**
     * @param recordJson   canonical JSON of the chained record
     * @param personalJson canonical JSON of its personal part, or null when there is none or it was erased
     */
    public void record(String recordJson, String hash, String personalJson) throws IOException {
        out.write("{\"hash\":\"" + hash + "\",\"kind\":\"record\",\"personal\":"
                + (personalJson == null ? "null" : personalJson) + ",\"record\":" + recordJson + "}\n");
        records++;
    }

    /**
     * A record of another realm: its chain position and hash, and, for a format 2 record, its content hash and realm
     * tag, from which the verifier recomputes the hash and sees that the realm is not the exported one.
     *
     * @param content  hex SHA-256 of the record's canonical form; null for a format 1 record
     * @param realmTag hex realm tag ({@code RecordHash.realmTag}); null for a format 1 record
     */
    public void elided(String node, String epoch, long seq, String prevHash, String hash, String content,
                       String realmTag) throws IOException {
        Map<String, Object> line = line(ExportFormat.ELIDED);
        line.put("node", node);
        line.put("epoch", epoch);
        line.put("seq", seq);
        line.put("prevHash", prevHash);
        line.put("hash", hash);
        if (content != null) {
            line.put("content", content);
            line.put("realm", realmTag);
        }
        write(line);
        records++;
    }

    /** A signed checkpoint that anchors a chain segment or an epoch hand-over; it covers no record of the export. */
    public void anchor(Checkpoint checkpoint, String signature) throws IOException {
        Map<String, Object> line = line(ExportFormat.ANCHOR);
        line.put("checkpoint", checkpoint.toJson());
        line.put("signature", signature);
        write(line);
    }

    public void checkpoint(Checkpoint checkpoint, String signature) throws IOException {
        Map<String, Object> line = line(ExportFormat.CHECKPOINT);
        line.put("checkpoint", checkpoint.toJson());
        line.put("signature", signature);
        write(line);
        checkpoints++;
    }

    public void pending(String bodyJson) throws IOException {
        out.write("{\"kind\":\"pending\",\"record\":" + bodyJson + "}\n");
        pending++;
    }

    public void end() throws IOException {
        Map<String, Object> end = line(ExportFormat.END);
        end.put("records", records);
        end.put("checkpoints", checkpoints);
        end.put("pending", pending);
        write(end);
        out.flush();
    }

    private static Map<String, Object> line(String kind) {
        Map<String, Object> line = new TreeMap<>();
        line.put(ExportFormat.LINE_KIND, kind);
        return line;
    }

    private void write(Map<String, Object> line) throws IOException {
        out.write(CanonicalJson.write(line));
        out.write('\n');
    }
}

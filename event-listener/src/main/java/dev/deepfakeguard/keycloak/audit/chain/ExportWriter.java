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

    public void header(String realm, long from, long to, long exportedAt, long heartbeatMillis) throws IOException {
        Map<String, Object> header = line(ExportFormat.HEADER);
        header.put("format", ExportFormat.FORMAT);
        header.put("realm", realm);
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

    public void elided(String node, String epoch, long seq, String prevHash, String hash) throws IOException {
        Map<String, Object> line = line(ExportFormat.ELIDED);
        line.put("node", node);
        line.put("epoch", epoch);
        line.put("seq", seq);
        line.put("prevHash", prevHash);
        line.put("hash", hash);
        write(line);
        records++;
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

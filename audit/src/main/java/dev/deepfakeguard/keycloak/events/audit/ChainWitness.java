package dev.deepfakeguard.keycloak.events.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;

/**
 * The node's own note, outside the database, of how far its chain was signed: node, epoch, seq, head hash and key
 * of its newest checkpoint, rewritten (atomically, synced) after every round that signed new records. When the node
 * starts, its new epoch names this end rather than whatever the database still holds, so a database administrator
 * who deletes the end of an epoch — records and checkpoints alike — while the node is down is exposed by the next
 * epoch's hand-over. It protects against whoever can change the database but not the node's disk.
 */
final class ChainWitness {

    /** What the node witnessed: its chain was signed through {@code seq} with head {@code hash} by {@code keyId}. */
    record Head(String node, String epoch, long seq, String hash, String keyId) {
    }

    private static final Logger LOG = Logger.getLogger(ChainWitness.class);

    private final Path file;

    /** @param directory where the node keeps its witness; one file per node id */
    ChainWitness(Path directory, String node) {
        this.file = directory.resolve(Fields.requireId("node", node).replace('/', '_') + ".head");
    }

    Path file() {
        return file;
    }

    /** The witnessed end; empty when there is none (first start) or it cannot be read (logged). */
    Optional<Head> read() {
        try {
            Map<String, Object> json = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            return Optional.of(new Head(Fields.string(json, "node"), Fields.string(json, "epoch"),
                    Fields.integer(json, "seq"), Fields.string(json, "hash"), Fields.string(json, "keyId")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | JsonSyntaxException | IllegalArgumentException e) {
            LOG.errorf("%s the audit witness %s cannot be read (%s); the next epoch's hand-over rests on the "
                    + "database alone", AuditCapture.ALERT, file, e.toString());
            return Optional.empty();
        }
    }

    /** Replaces the witnessed end: written to a temporary file, synced, then moved over the old one. */
    void write(Head head) throws IOException {
        Map<String, Object> json = new TreeMap<>();
        json.put("node", head.node());
        json.put("epoch", head.epoch());
        json.put("seq", head.seq());
        json.put("hash", head.hash());
        json.put("keyId", head.keyId());
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(CanonicalJson.bytes(json)));
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

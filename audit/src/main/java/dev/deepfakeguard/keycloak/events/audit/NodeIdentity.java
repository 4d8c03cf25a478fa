package dev.deepfakeguard.keycloak.events.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.deepfakeguard.keycloak.audit.format.Fields;

/**
 * The default name of this node's audit chain: the host name plus an installation id made once and kept in the
 * node's data folder ({@code <data>/deepfake-guard-audit/node-id}). Two processes on one host, and hosts that share
 * a name, get different ids as long as each has its own data folder; a restart reads the same id back. A cloned
 * disk carries the clone's id along: that collision is caught at start by {@link NodeLease}.
 */
final class NodeIdentity {

    static final String FILE = "node-id";
    private static final Logger LOG = Logger.getLogger(NodeIdentity.class);
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int SUFFIX_LENGTH = 8;

    private NodeIdentity() {
    }

    /**
     * @param directory the node's own folder (where its witness lives); empty when it has none
     * @param host      the host name, already reduced to id characters
     */
    static String resolve(Optional<Path> directory, String host, SecureRandom random) {
        if (directory.isEmpty()) {
            LOG.warnf("Deepfake Guard audit: no data folder to keep an installation id in; the node id is the host "
                    + "name %s. Set node-id if several nodes may share a host name.", host);
            return host;
        }
        Path file = directory.get().resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Fields.requireId("node id in " + file, Files.readString(file, StandardCharsets.UTF_8).trim());
            }
            // An installation that chained under its bare host name before keeps that name, so its chain goes on.
            String id = Files.exists(directory.get().resolve(host + ".head")) ? host : host + "-" + suffix(random);
            write(file, id);
            LOG.infof("Deepfake Guard audit: node id %s kept in %s", id, file);
            return id;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Deepfake Guard audit: the installation id in %s cannot be read or written (%s); the node id "
                    + "is the host name %s. Set node-id if several nodes may share a host name.", file, e, host);
            return host;
        }
    }

    private static String suffix(SecureRandom random) {
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return suffix.toString();
    }

    private static void write(Path file, String id) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(FILE + ".tmp");
        Files.writeString(temporary, id + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file);
        }
    }

    /** The host name reduced to the characters a node id allows. */
    static String host(String hostName) {
        String cleaned = hostName.replaceAll("[^A-Za-z0-9._-]", "-");
        return cleaned.isEmpty() ? "node" : cleaned.substring(0, Math.min(cleaned.length(), 100));
    }
}

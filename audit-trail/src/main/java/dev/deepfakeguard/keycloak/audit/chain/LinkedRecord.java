package dev.deepfakeguard.keycloak.audit.chain;

/**
 * A record placed in its chain: its RFC 8785 text (what is stored and exported byte for byte) and its hash.
 *
 * @param json canonical JSON of the record including node, epoch, seq and prevHash
 */
public record LinkedRecord(long seq, String prevHash, String hash, String json) {
}

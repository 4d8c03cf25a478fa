package dev.deepfakeguard.keycloak.audit.verify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.ManifestKey;

/**
 * The export's key manifest and the operator's pinned key ids, and the signature check of every checkpoint against
 * them: a key must be in the manifest, among the pinned ones when any are pinned, and of the checkpoint's algorithm.
 */
final class CheckpointSignatures {

    private final Set<String> pinnedKeyIds;
    private final Report report;
    private final Map<String, ManifestKey> manifest = new LinkedHashMap<>();
    private boolean manifestSeen;
    private boolean manifestMissingReported;

    CheckpointSignatures(Set<String> pinnedKeyIds, Report report) {
        this.pinnedKeyIds = Set.copyOf(pinnedKeyIds);
        this.report = report;
    }

    boolean manifestSeen() {
        return manifestSeen;
    }

    /** Reads the manifest line's {@code keys} member. */
    @SuppressWarnings("unchecked")
    void manifest(Object keys, int lineNumber) {
        if (manifestSeen) {
            report.invalid("line " + lineNumber + ": a second key manifest");
            return;
        }
        manifestSeen = true;
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

    /** @param where the checkpoint's place, for the messages */
    boolean valid(Checkpoint checkpoint, String signature, String where, int lineNumber) {
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
}

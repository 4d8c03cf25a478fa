package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.contract.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The BlazeFace model file with its SHA-256, verified against the digest pinned at build time. The build fetches the
 * model from its registry package, checks it, and places both the model and the pinned digest beside this class; the
 * check here catches a model altered or damaged after the build. The digest is part of {@link #version()}, so every
 * decision event names exactly which model decided.
 */
final class FaceModel {

    static final String RESOURCE = "face/blazeface-front-128.onnx";
    static final String DIGEST_RESOURCE = "face/blazeface-front-128.sha256";
    /** Model files are 442 KB; anything far larger is not this model and is not read into memory. */
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final byte[] bytes;
    private final String sha256;

    private FaceModel(byte[] bytes, String sha256) {
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    /** The model shipped in this JAR. */
    static FaceModel bundled() throws FaceModelException {
        byte[] model = read(RESOURCE);
        String pinned = new String(read(DIGEST_RESOURCE), StandardCharsets.US_ASCII).strip();
        return verified(model, pinned);
    }

    static FaceModel verified(byte[] model, String pinnedSha256) throws FaceModelException {
        String actual = Sha256.hex(model);
        if (pinnedSha256 == null || !MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                pinnedSha256.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw new FaceModelException(FaceModelException.UNAVAILABLE,
                    "face model digest " + actual + " does not match the pinned " + pinnedSha256, null);
        }
        return new FaceModel(model.clone(), actual);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    String sha256() {
        return sha256;
    }

    /** Model name and the first 64 bits of its digest, e.g. {@code blazeface128-d388b1cf8a5f6f1a}. */
    String version() {
        return "blazeface128-" + sha256.substring(0, 16);
    }

    private static byte[] read(String resource) throws FaceModelException {
        try (InputStream in = FaceModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new FaceModelException(FaceModelException.UNAVAILABLE, resource + " is missing from the JAR",
                        null);
            }
            byte[] data = in.readNBytes(MAX_BYTES + 1);
            if (data.length > MAX_BYTES) {
                throw new FaceModelException(FaceModelException.UNAVAILABLE, resource + " is too large", null);
            }
            return data;
        } catch (IOException e) {
            throw new FaceModelException(FaceModelException.UNAVAILABLE, "cannot read " + resource, e);
        }
    }
}

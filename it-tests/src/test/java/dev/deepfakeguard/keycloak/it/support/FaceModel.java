package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The test-time face embedding model (see it-tests/pom.xml: fetched and digest-checked by the authenticator's
 * build, never committed, never in the provider JAR) and the server options that hand it to Keycloak's {@code onnx}
 * face matcher, as an operator would.
 */
public final class FaceModel {

    private static final String OPTION = "--spi-deepfake-guard-face-matcher--onnx--";

    private FaceModel() {
    }

    public static Path path() {
        Path model = Path.of(System.getProperty("dfg.it.faceModel", "../authenticator/target/face-test/model/"
                + "package/model/fr_feature.onnx"));
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException(model.toAbsolutePath() + " is missing: the authenticator's build fetches "
                    + "it in generate-test-resources; build the reactor without -Dmaven.test.skip");
        }
        return model;
    }

    public static String sha256() {
        String digest = System.getProperty("dfg.it.faceModelSha256", "");
        if (!digest.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException("dfg.it.faceModelSha256 is not set: run the ITs through Failsafe");
        }
        return digest;
    }

    /** The model with its pinned digest and the package's own preprocessing: (value − 127) / 128. */
    public static List<String> serverOptions() {
        return serverOptions(path(), sha256());
    }

    public static List<String> serverOptions(Path model, String sha256) {
        return List.of(OPTION + "model-path=" + model.toAbsolutePath(), OPTION + "model-sha256=" + sha256,
                OPTION + "pixel-mean=127", OPTION + "pixel-scale=128");
    }

    /**
     * A damaged copy of the model in {@code directory}: its first half, as an interrupted copy leaves it. Its own
     * digest is what the options pin, so it is the file that fails to load, not the digest check.
     */
    public static Path truncatedCopy(Path directory) {
        try {
            byte[] model = Files.readAllBytes(path());
            Path damaged = Files.createDirectories(directory).resolve("fr_feature-truncated.onnx");
            Files.write(damaged, java.util.Arrays.copyOf(model, model.length / 2));
            return damaged;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a damaged copy of the face model", e);
        }
    }

    /** SHA-256 of a file, lower-case hex. */
    public static String sha256Of(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

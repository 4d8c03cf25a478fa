package dev.deepfakeguard.keycloak.scoring.embedded;

import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The node's face detector, or the reason there is none. Created once by {@link EmbeddedScorerFactory#init} (and by
 * benchmarks), closed with it. Loading never throws: a missing native library, a damaged model or a runtime fault
 * leaves the analysis unavailable, logged once at start-up, and every check then ends in the policy's fallback (step-up
 * or deny) with the reason code — never an allow, never an error page.
 */
public final class FaceAnalysis implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FaceAnalysis.class);
    private static final String NATIVE_HINT = " ONNX Runtime's native library could not be loaded: if the temporary "
            + "directory is mounted noexec, unpack ai/onnxruntime/native/<platform>/ from the JAR and set "
            + "-Donnxruntime.native.path to that directory (docs/scoring.md).";

    /** Where the model comes from; the bundled one in production, others in tests. */
    @FunctionalInterface
    interface ModelSource {
        FaceModel load() throws FaceModelException;
    }

    private final FaceDetector detector;
    private final String unavailableReason;

    private FaceAnalysis(FaceDetector detector, String unavailableReason) {
        this.detector = detector;
        this.unavailableReason = unavailableReason;
    }

    /** Loads the model bundled in this JAR. */
    public static FaceAnalysis load() {
        return load(FaceModel::bundled);
    }

    static FaceAnalysis load(ModelSource source) {
        try {
            FaceDetector detector = FaceDetector.open(source.load());
            LOG.infof("Deepfake Guard embedded scorer: face model %s loaded (ONNX Runtime, 1 thread)",
                    detector.modelVersion());
            return new FaceAnalysis(detector, null);
        } catch (FaceModelException e) {
            LOG.errorf("Deepfake Guard embedded scorer: face model unavailable (%s). Every liveness check with the "
                    + "embedded scorer ends in the configured fallback (step-up or deny) until this is fixed.%s",
                    e.getMessage(), nativeLibraryProblem(e) ? NATIVE_HINT : "");
            return new FaceAnalysis(null, e.reasonCode());
        }
    }

    private static boolean nativeLibraryProblem(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LinkageError) {
                return true;
            }
        }
        return false;
    }

    public boolean isAvailable() {
        return detector != null;
    }

    /** Reason code of the failure, when unavailable. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    /** Version of the loaded model, e.g. {@code blazeface128-d388b1cf8a5f6f1a}; empty when unavailable. */
    public String modelVersion() {
        return detector == null ? "" : detector.modelVersion();
    }

    Optional<FaceDetector> detector() {
        return Optional.ofNullable(detector);
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
    }
}

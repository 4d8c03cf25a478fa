package dev.deepfakeguard.keycloak.scoring.embedded;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import org.jboss.logging.Logger;

/**
 * How every model of this extension runs in ONNX Runtime: each inference on the calling thread only (one intra-op
 * thread, sequential execution, no spinning pool), so that scoring never borrows CPU from other requests on a small
 * machine; denormal floats flushed to zero (deep layers produce them on dark frames, and on x86 they cost a hundred
 * times a normal multiply).
 */
public final class OrtSessions {

    private static final Logger LOG = Logger.getLogger(OrtSessions.class);

    private OrtSessions() {
    }

    /** ORT's environment is one per process and lives as long as the JVM; sessions are what callers own. */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "deepfake-guard");
    }

    public static OrtSession open(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            options.addConfigEntry("session.set_denormal_as_zero", "1");
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            return environment().createSession(model, options);
        }
    }

    /** Closing at shutdown or after a failed start: nothing left to protect, the native memory goes with the JVM. */
    public static void closeQuietly(OrtSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (OrtException e) {
            LOG.debug("closing an ONNX Runtime session failed", e);
        }
    }
}

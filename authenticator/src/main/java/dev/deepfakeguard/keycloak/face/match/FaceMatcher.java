package dev.deepfakeguard.keycloak.face.match;

import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import org.keycloak.provider.Provider;

import java.util.List;
import java.util.Optional;

/**
 * Makes face templates from the frames of a liveness check, so that the live face can be compared with the account's
 * face reference. Implementations never throw for bad media and never pretend to be available: a matcher without a
 * loaded model reports {@link Probe.Unavailable}, and the flow's fallback decides.
 */
public interface FaceMatcher extends Provider {

    /**
     * False when the operator has not set the matcher up at all (e.g. no model configured): the server cannot match
     * anyone, so accounts without a reference are not affected. A matcher that is set up but broken is configured.
     */
    default boolean isConfigured() {
        return true;
    }

    /** SHA-256 of the model whose templates this matcher makes; empty when no model is loaded. */
    Optional<String> modelDigest();

    /**
     * A template of the face in {@code frames} (JPEGs of {@code width}×{@code height}), built from the frames where
     * the face looks most straight at the camera.
     */
    Probe probe(List<CapturedFrame> frames, int width, int height);

    @Override
    default void close() {
    }
}

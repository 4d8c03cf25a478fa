package dev.deepfakeguard.keycloak.face.match;

import dev.deepfakeguard.keycloak.face.reference.FaceTemplate;

/** What a matcher made of the frames of one check. */
public sealed interface Probe {

    /** A template, averaged over {@code frames} frames. */
    record Template(FaceTemplate template, int frames) implements Probe {
    }

    /** Too few frames showed one face looking at the camera to build a template from. */
    record NoFace() implements Probe {
    }

    /** The matcher cannot work (no model, damaged model, runtime fault); {@code reason} is for the server log. */
    record Unavailable(String reason) implements Probe {
    }
}

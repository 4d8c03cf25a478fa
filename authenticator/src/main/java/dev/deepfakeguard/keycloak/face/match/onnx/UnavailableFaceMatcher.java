package dev.deepfakeguard.keycloak.face.match.onnx;

import dev.deepfakeguard.keycloak.face.match.FaceMatcher;
import dev.deepfakeguard.keycloak.face.match.Probe;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;

import java.util.List;
import java.util.Optional;

/** Stands in when no model could be loaded: every probe is unavailable, so the flow's fallback decides. */
record UnavailableFaceMatcher(String reason, boolean isConfigured) implements FaceMatcher {

    @Override
    public Optional<String> modelDigest() {
        return Optional.empty();
    }

    @Override
    public Probe probe(List<CapturedFrame> frames, int width, int height) {
        return new Probe.Unavailable(reason);
    }
}

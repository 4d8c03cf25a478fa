package dev.deepfakeguard.keycloak.face.match.onnx;

import ai.onnxruntime.OrtException;
import dev.deepfakeguard.keycloak.face.match.FaceMatcher;
import dev.deepfakeguard.keycloak.face.match.Probe;
import dev.deepfakeguard.keycloak.face.reference.FaceTemplate;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.embedded.FaceLocator;
import dev.deepfakeguard.keycloak.scoring.embedded.LocatedFace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The embedded matcher: BlazeFace keypoints → similarity-aligned crop → the operator's embedding model. The template
 * of a check is the mean of the embeddings of its most frontal frames: head-turn frames show a profile that matches
 * worse, and averaging a few frames steadies the result against one blurred frame.
 */
final class OnnxFaceMatcher implements FaceMatcher {

    /** At most this many frames are embedded per check: each costs one inference. */
    static final int MAX_FRAMES = 4;
    /** A template needs at least this many frontal frames with one face. */
    static final int MIN_FRAMES = 2;
    /** Frames whose head turn exceeds this (nose offset / eye distance, about 17°) are not embedded. */
    static final double MAX_YAW = 0.15;

    private final FaceLocator locator;
    private final EmbeddingModel model;

    OnnxFaceMatcher(FaceLocator locator, EmbeddingModel model) {
        this.locator = locator;
        this.model = model;
    }

    @Override
    public Optional<String> modelDigest() {
        return Optional.of(model.settings().sha256());
    }

    @Override
    public Probe probe(List<CapturedFrame> frames, int width, int height) {
        List<LocatedFace> frontal = new ArrayList<>();
        try {
            for (CapturedFrame frame : frames) {
                locator.locate(frame, width, height).filter(face -> Math.abs(face.yaw()) <= MAX_YAW)
                        .ifPresent(frontal::add);
            }
        } catch (IllegalStateException e) {
            return new Probe.Unavailable("face detection failed: " + e.getMessage());
        }
        if (frontal.size() < MIN_FRAMES) {
            return new Probe.NoFace();
        }
        frontal.sort(Comparator.comparingDouble(face -> Math.abs(face.yaw())));
        List<FaceTemplate> templates = new ArrayList<>();
        try {
            for (LocatedFace face : frontal.subList(0, Math.min(MAX_FRAMES, frontal.size()))) {
                templates.add(template(face));
            }
        } catch (OrtException | RuntimeException e) {
            return new Probe.Unavailable("face embedding failed: " + e);
        }
        return new Probe.Template(FaceTemplate.mean(templates), templates.size());
    }

    /** The template of one located face. */
    FaceTemplate template(LocatedFace face) throws OrtException {
        EmbeddingSettings settings = model.settings();
        return FaceTemplate.of(model.embed(FaceAlignment.align(face, settings)), settings.modelId(),
                settings.sha256());
    }
}

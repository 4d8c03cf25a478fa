package dev.deepfakeguard.keycloak.scoring.embedded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns BlazeFace's raw outputs into faces: a sigmoid over the (clipped) logits, box and keypoints regressed from the
 * anchor centres in units of input pixels, then weighted non-maximum suppression (overlapping candidates of one face
 * are averaged, weighted by their scores, as MediaPipe does; keeps the box steady from frame to frame).
 */
final class BlazeFaceDecoder {

    /** Candidates below this confidence are not faces. MediaPipe's face detection uses the same default. */
    static final double MIN_SCORE = 0.5;
    /** Candidates overlapping at least this much (intersection over union) are the same face. */
    static final double SAME_FACE_IOU = 0.3;
    /** Regression values per anchor: box centre x, y, width, height, then six keypoints x, y. */
    static final int VALUES = 16;
    /** Bounds the suppression's quadratic cost on hostile input that lights up every anchor. */
    static final int MAX_CANDIDATES = 64;
    private static final double LOGIT_CLIP = 100;

    private BlazeFaceDecoder() {
    }

    /** A face in input-square coordinates before suppression. */
    private record Candidate(double score, double[] geometry) {

        double iou(Candidate other) {
            double left = Math.max(geometry[0] - geometry[2] / 2, other.geometry[0] - other.geometry[2] / 2);
            double right = Math.min(geometry[0] + geometry[2] / 2, other.geometry[0] + other.geometry[2] / 2);
            double top = Math.max(geometry[1] - geometry[3] / 2, other.geometry[1] - other.geometry[3] / 2);
            double bottom = Math.min(geometry[1] + geometry[3] / 2, other.geometry[1] + other.geometry[3] / 2);
            double inner = Math.max(0, right - left) * Math.max(0, bottom - top);
            double union = geometry[2] * geometry[3] + other.geometry[2] * other.geometry[3] - inner;
            return union <= 0 ? 0 : inner / union;
        }
    }

    /**
     * @param fineScores   [512] logits of the 16×16 grid
     * @param coarseScores [384] logits of the 8×8 grid
     * @param fineBoxes    [512 × 16] regressions of the 16×16 grid
     * @param coarseBoxes  [384 × 16] regressions of the 8×8 grid
     */
    static List<Face> decode(float[] fineScores, float[] coarseScores, float[] fineBoxes, float[] coarseBoxes,
                             ModelInput.Letterbox letterbox) {
        if (fineScores.length != BlazeFaceAnchors.FINE_COUNT
                || coarseScores.length != BlazeFaceAnchors.COUNT - BlazeFaceAnchors.FINE_COUNT
                || fineBoxes.length != fineScores.length * VALUES || coarseBoxes.length != coarseScores.length * VALUES) {
            throw new IllegalArgumentException("model outputs have unexpected sizes");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int anchor = 0; anchor < BlazeFaceAnchors.COUNT; anchor++) {
            boolean fine = anchor < BlazeFaceAnchors.FINE_COUNT;
            int index = fine ? anchor : anchor - BlazeFaceAnchors.FINE_COUNT;
            double score = sigmoid(fine ? fineScores[index] : coarseScores[index]);
            if (score < MIN_SCORE) {
                continue;
            }
            candidates.add(new Candidate(score, geometry(fine ? fineBoxes : coarseBoxes, index, anchor)));
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        if (candidates.size() > MAX_CANDIDATES) {
            candidates = new ArrayList<>(candidates.subList(0, MAX_CANDIDATES));
        }
        return suppress(candidates, letterbox);
    }

    private static double[] geometry(float[] boxes, int index, int anchor) {
        double anchorX = BlazeFaceAnchors.x(anchor);
        double anchorY = BlazeFaceAnchors.y(anchor);
        int base = index * VALUES;
        double[] geometry = new double[VALUES];
        geometry[0] = anchorX + boxes[base] / ModelInput.SIZE;
        geometry[1] = anchorY + boxes[base + 1] / ModelInput.SIZE;
        geometry[2] = Math.abs(boxes[base + 2]) / ModelInput.SIZE;
        geometry[3] = Math.abs(boxes[base + 3]) / ModelInput.SIZE;
        for (int k = 0; k < Face.KEYPOINTS; k++) {
            geometry[4 + 2 * k] = anchorX + boxes[base + 4 + 2 * k] / ModelInput.SIZE;
            geometry[5 + 2 * k] = anchorY + boxes[base + 5 + 2 * k] / ModelInput.SIZE;
        }
        return geometry;
    }

    private static List<Face> suppress(List<Candidate> sorted, ModelInput.Letterbox letterbox) {
        List<Face> faces = new ArrayList<>();
        boolean[] taken = new boolean[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            if (taken[i]) {
                continue;
            }
            Candidate best = sorted.get(i);
            double[] sum = new double[VALUES];
            double weights = 0;
            for (int j = i; j < sorted.size(); j++) {
                if (taken[j] || (j != i && best.iou(sorted.get(j)) < SAME_FACE_IOU)) {
                    continue;
                }
                taken[j] = true;
                Candidate member = sorted.get(j);
                for (int v = 0; v < VALUES; v++) {
                    sum[v] += member.geometry()[v] * member.score();
                }
                weights += member.score();
            }
            faces.add(toFrame(best.score(), sum, weights, letterbox));
        }
        return List.copyOf(faces);
    }

    private static Face toFrame(double score, double[] sum, double weights, ModelInput.Letterbox letterbox) {
        double[] keypoints = new double[2 * Face.KEYPOINTS];
        for (int k = 0; k < Face.KEYPOINTS; k++) {
            keypoints[2 * k] = letterbox.frameX(sum[4 + 2 * k] / weights);
            keypoints[2 * k + 1] = letterbox.frameY(sum[5 + 2 * k] / weights);
        }
        return new Face(score, letterbox.frameX(sum[0] / weights), letterbox.frameY(sum[1] / weights),
                letterbox.frameWidth(sum[2] / weights), letterbox.frameHeight(sum[3] / weights), keypoints);
    }

    private static double sigmoid(float logit) {
        double clipped = Math.max(-LOGIT_CLIP, Math.min(LOGIT_CLIP, logit));
        return 1 / (1 + Math.exp(-clipped));
    }
}

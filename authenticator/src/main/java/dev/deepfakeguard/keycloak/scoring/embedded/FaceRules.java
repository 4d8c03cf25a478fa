package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.contract.ReasonCodes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Exactly one face, large enough and inside the guide oval, in every frame. A frame without a face proves nothing
 * about a person, a second face means someone else could be answering, and a face outside the oval or far away
 * cannot be measured reliably. The page's oval and these numbers describe the same region (docs/scoring.md).
 */
final class FaceRules {

    /** Centre of the guide oval and its half-axes, as fractions of the frame's width and height. */
    static final double OVAL_CENTRE_X = 0.5;
    static final double OVAL_CENTRE_Y = 0.5;
    static final double OVAL_HALF_WIDTH = 0.2;
    static final double OVAL_HALF_HEIGHT = 0.25;
    /** Narrowest face box, as a fraction of the frame's width: 58 px of 320, about an arm's length and a half. */
    static final double MIN_FACE_WIDTH = 0.18;
    /** Widest face box: beyond this too little background is left beside the head for the light check. */
    static final double MAX_FACE_WIDTH = 0.55;

    private FaceRules() {
    }

    /** Reason codes of every rule some frame breaks, in a stable order; empty when every frame is fine. */
    static List<String> violations(List<FrameStats> frames) {
        Set<String> reasons = new LinkedHashSet<>();
        for (FrameStats frame : frames) {
            List<Face> faces = frame.faces();
            if (faces.isEmpty()) {
                reasons.add(ReasonCodes.NO_FACE);
                continue;
            }
            if (faces.size() > 1) {
                reasons.add(ReasonCodes.MULTIPLE_FACES);
                continue;
            }
            Face face = faces.get(0);
            if (face.width() < MIN_FACE_WIDTH) {
                reasons.add(ReasonCodes.FACE_TOO_SMALL);
            } else if (face.width() > MAX_FACE_WIDTH) {
                reasons.add(ReasonCodes.FACE_TOO_CLOSE);
            }
            if (!insideOval(face)) {
                reasons.add(ReasonCodes.FACE_NOT_CENTRED);
            }
        }
        return List.copyOf(reasons);
    }

    static boolean insideOval(Face face) {
        double dx = (face.centreX() - OVAL_CENTRE_X) / OVAL_HALF_WIDTH;
        double dy = (face.centreY() - OVAL_CENTRE_Y) / OVAL_HALF_HEIGHT;
        return dx * dx + dy * dy <= 1;
    }
}

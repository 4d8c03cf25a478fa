package dev.deepfakeguard.keycloak.scoring.embedded;

/**
 * One face found in a frame. Coordinates are fractions of the frame's width (x) and height (y), origin top left, in
 * the camera's unmirrored view.
 *
 * @param score     detector confidence 0–1
 * @param centreX   centre of the face box
 * @param centreY   centre of the face box
 * @param width     width of the face box
 * @param height    height of the face box
 * @param keypoints six points as x0, y0, … x5, y5: the person's right eye, left eye, nose tip, mouth centre, right
 *                  ear and left ear (BlazeFace's order)
 */
record Face(double score, double centreX, double centreY, double width, double height, double[] keypoints) {

    static final int KEYPOINTS = 6;
    static final int RIGHT_EYE = 0;
    static final int LEFT_EYE = 1;
    static final int NOSE = 2;

    Face {
        if (keypoints == null || keypoints.length != 2 * KEYPOINTS) {
            throw new IllegalArgumentException("six keypoints needed");
        }
        keypoints = keypoints.clone();
    }

    @Override
    public double[] keypoints() {
        return keypoints.clone();
    }

    double keypointX(int index) {
        return keypoints[2 * index];
    }

    double keypointY(int index) {
        return keypoints[2 * index + 1];
    }

    double left() {
        return centreX - width / 2;
    }

    double right() {
        return centreX + width / 2;
    }

    double top() {
        return centreY - height / 2;
    }

    double bottom() {
        return centreY + height / 2;
    }

    /**
     * How far the head is turned, from where the nose tip sits between the eyes: 0 looking straight, positive when
     * turned to the person's left (nose towards larger x), negative to their right. The offset of the nose from the
     * eyes' midpoint divided by the eyes' distance is independent of the face's size and position; it grows roughly
     * like 0.5 × tan(yaw) on real and drawn faces (about 0.15 at 17°, 0.3 at 30°).
     *
     * @param aspect frame width divided by frame height, so that x distances are in the same unit as y distances
     */
    double yaw(double aspect) {
        double eyeDistance = Math.hypot((keypointX(LEFT_EYE) - keypointX(RIGHT_EYE)) * aspect,
                keypointY(LEFT_EYE) - keypointY(RIGHT_EYE));
        if (eyeDistance < 1e-6) {
            return 0;
        }
        double eyesMidX = (keypointX(LEFT_EYE) + keypointX(RIGHT_EYE)) / 2;
        return (keypointX(NOSE) - eyesMidX) * aspect / eyeDistance;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Face[score=%.2f, centre=(%.2f, %.2f), size=%.2f x %.2f]", score,
                centreX, centreY, width, height);
    }
}

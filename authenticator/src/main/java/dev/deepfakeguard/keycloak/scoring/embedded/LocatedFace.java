package dev.deepfakeguard.keycloak.scoring.embedded;

import java.awt.image.BufferedImage;

/**
 * One face in a decoded frame: four keypoints in pixels (x, y pairs: the person's right eye, left eye, nose tip and
 * mouth centre, in the camera's unmirrored view), how far the head is turned (0 = straight, see {@link Face#yaw}),
 * the face box's width as a fraction of the frame's, and the detector's confidence (0–1).
 */
public record LocatedFace(BufferedImage image, double[] points, double yaw, double width, double score) {

    public static final int POINTS = 4;
    public static final int RIGHT_EYE = 0;
    public static final int LEFT_EYE = 1;
    public static final int NOSE = 2;
    /** BlazeFace's index of the mouth centre keypoint. */
    static final int MOUTH = 3;
    public static final int MOUTH_CENTRE = 3;

    public LocatedFace {
        if (points == null || points.length != 2 * POINTS) {
            throw new IllegalArgumentException("four keypoints needed");
        }
        points = points.clone();
    }

    @Override
    public double[] points() {
        return points.clone();
    }

    public double x(int point) {
        return points[2 * point];
    }

    public double y(int point) {
        return points[2 * point + 1];
    }
}

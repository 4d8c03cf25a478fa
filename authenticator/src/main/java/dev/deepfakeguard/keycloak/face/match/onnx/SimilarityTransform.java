package dev.deepfakeguard.keycloak.face.match.onnx;

/**
 * A 2-D similarity transform (rotation, uniform scale, translation; no shear, no mirror):
 * x' = a·x − b·y + tx, y' = b·x + a·y + ty. Fitted by least squares to point pairs, so that an error in one keypoint
 * is spread over the others instead of distorting the face.
 */
record SimilarityTransform(double a, double b, double tx, double ty) {

    /** The transform that best maps {@code from} onto {@code to} (x, y pairs; at least two points). */
    static SimilarityTransform fit(double[] from, double[] to) {
        if (from.length != to.length || from.length < 4 || from.length % 2 != 0) {
            throw new IllegalArgumentException("need matching pairs of at least two points");
        }
        int n = from.length / 2;
        double fx = 0, fy = 0, tx = 0, ty = 0;
        for (int i = 0; i < n; i++) {
            fx += from[2 * i];
            fy += from[2 * i + 1];
            tx += to[2 * i];
            ty += to[2 * i + 1];
        }
        fx /= n;
        fy /= n;
        tx /= n;
        ty /= n;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double px = from[2 * i] - fx, py = from[2 * i + 1] - fy;
            double qx = to[2 * i] - tx, qy = to[2 * i + 1] - ty;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if (norm < 1e-9) {
            throw new IllegalArgumentException("points coincide");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new SimilarityTransform(a, b, tx - (a * fx - b * fy), ty - (b * fx + a * fy));
    }

    double x(double x, double y) {
        return a * x - b * y + tx;
    }

    double y(double x, double y) {
        return b * x + a * y + ty;
    }

    SimilarityTransform inverse() {
        double scale = a * a + b * b;
        double ia = a / scale;
        double ib = -b / scale;
        return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }
}

package dev.deepfakeguard.keycloak.face.match.onnx;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SimilarityTransformTest {

    @Test
    void recoversRotationScaleAndShift() {
        double angle = Math.toRadians(20);
        SimilarityTransform truth = new SimilarityTransform(1.7 * Math.cos(angle), 1.7 * Math.sin(angle), 12, -5);
        double[] from = {10, 20, 40, 22, 25, 40, 26, 55};
        double[] to = new double[from.length];
        for (int i = 0; i < from.length; i += 2) {
            to[i] = truth.x(from[i], from[i + 1]);
            to[i + 1] = truth.y(from[i], from[i + 1]);
        }

        SimilarityTransform fitted = SimilarityTransform.fit(from, to);

        assertThat(fitted.a()).isCloseTo(truth.a(), within(1e-9));
        assertThat(fitted.b()).isCloseTo(truth.b(), within(1e-9));
        assertThat(fitted.tx()).isCloseTo(12, within(1e-9));
        SimilarityTransform back = fitted.inverse();
        assertThat(back.x(to[2], to[3])).isCloseTo(40, within(1e-9));
        assertThat(back.y(to[2], to[3])).isCloseTo(22, within(1e-9));
    }

    @Test
    void neverMirrorsAFace() {
        // Eyes swapped: the best similarity transform turns the face around, it cannot reflect it.
        SimilarityTransform fitted = SimilarityTransform.fit(new double[] {0, 0, 10, 0, 5, 10},
                new double[] {10, 0, 0, 0, 5, 10});

        assertThat(fitted.a() * fitted.a() + fitted.b() * fitted.b()).isLessThan(1);
    }
}

package dev.deepfakeguard.keycloak.face.match.onnx;

import dev.deepfakeguard.keycloak.face.match.FaceMatcher;
import dev.deepfakeguard.keycloak.face.reference.FaceMatchPolicy;
import dev.deepfakeguard.keycloak.face.reference.FaceTemplate;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.embedded.FaceAnalysis;
import dev.deepfakeguard.keycloak.scoring.embedded.FaceLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same-face and other-face similarity on real faces (the test-time photos and embedding model), with the matcher's
 * own pipeline: BlazeFace keypoints, similarity alignment, embedding, mean of frames. Each person is enrolled from
 * three captures and probed with three others that differ in face size, position, brightness and JPEG quality. The
 * figures are printed and recorded in docs/face-reference.md; the assertions hold the thresholds to them.
 */
class FaceMatchingDistributionTest {

    /** Eye distance of the frame width, horizontal shift, brightness, JPEG quality. */
    private static final double[][] CAPTURES = {
        {0.15, 0.00, 1.00, 0.85}, {0.12, 0.05, 0.85, 0.75}, {0.18, -0.05, 1.15, 0.80},
        {0.14, 0.03, 0.70, 0.70}, {0.16, -0.03, 1.00, 0.60}, {0.13, 0.00, 1.25, 0.90},
    };

    private static OnnxFaceMatcherFactory factory;
    private static FaceMatcher matcher;
    private static final List<String> names = new ArrayList<>();
    private static final List<FaceTemplate> references = new ArrayList<>();
    private static final List<FaceTemplate> probes = new ArrayList<>();
    private static final List<FaceTemplate> mirroredProbes = new ArrayList<>();

    @BeforeAll
    static void enrolEveryone() throws Exception {
        factory = new OnnxFaceMatcherFactory();
        matcher = factory.load(TestEmbeddingModel.options());
        assertThat(matcher).isInstanceOf(OnnxFaceMatcher.class);
        try (FaceAnalysis analysis = FaceAnalysis.load()) {
            FaceLocator locator = new FaceLocator(analysis);
            for (SamplePhotos.Person person : SamplePhotos.people(locator)) {
                List<FaceTemplate> reference = templates(locator, person, 0, 3, false);
                List<FaceTemplate> probe = templates(locator, person, 3, 6, false);
                List<FaceTemplate> mirrored = templates(locator, person, 3, 6, true);
                if (!reference.isEmpty() && !probe.isEmpty() && !mirrored.isEmpty()) {
                    names.add(person.toString());
                    references.add(FaceTemplate.mean(reference));
                    probes.add(FaceTemplate.mean(probe));
                    mirroredProbes.add(FaceTemplate.mean(mirrored));
                }
            }
        }
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    /**
     * One template per capture, as the matcher makes them, without its frontal-frame filter: people in group photos
     * tilt their heads more than anyone looking into a camera for a check.
     */
    private static List<FaceTemplate> templates(FaceLocator locator, SamplePhotos.Person person, int from, int to,
                                                boolean mirrored) throws Exception {
        List<FaceTemplate> templates = new ArrayList<>();
        for (int i = from; i < to; i++) {
            double[] c = CAPTURES[i];
            CapturedFrame frame = CapturedFrame.of(SamplePhotos.capture(person, c[0], c[1], c[2], (float) c[3], mirrored),
                    0);
            var face = locator.locate(frame, SamplePhotos.WIDTH, SamplePhotos.HEIGHT);
            if (face.isPresent()) {
                templates.add(((OnnxFaceMatcher) matcher).template(face.get()));
            }
        }
        return templates;
    }

    @Test
    void findsEnoughPeopleToMeasure() {
        assertThat(names).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void sameFacesScoreAboveOtherFacesWithAMargin() {
        int[] same = new int[names.size()];
        int[] sameMirrored = new int[names.size()];
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            same[i] = references.get(i).similarityBasisPoints(probes.get(i));
            sameMirrored[i] = references.get(i).similarityBasisPoints(mirroredProbes.get(i));
            for (int j = 0; j < names.size(); j++) {
                if (i != j) {
                    int sim = references.get(i).similarityBasisPoints(probes.get(j));
                    other.add(sim);

                }
            }
        }
        int[] others = other.stream().mapToInt(Integer::intValue).toArray();
        System.out.printf(Locale.ROOT, "face matching: %d people; same face %s; same face mirrored %s; other face "
                + "%s%n", names.size(), summary(same), summary(sameMirrored), summary(others));

        // Login and the strict flows: every same face allowed, every other face denied (below step-up).
        assertThat(min(same)).as("weakest same-face match").isGreaterThanOrEqualTo(FaceMatchPolicy.STRICT_ALLOW);
        assertThat(min(sameMirrored)).as("weakest mirrored same-face match")
                .isGreaterThanOrEqualTo(FaceMatchPolicy.LOGIN_ALLOW);
        assertThat(max(others)).as("strongest other-face match").isLessThan(FaceMatchPolicy.LOGIN_STEP_UP);
    }

    private static String summary(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "n=%d min=%d p5=%d median=%d p95=%d max=%d", sorted.length, sorted[0],
                sorted[(int) (0.05 * (sorted.length - 1))], sorted[sorted.length / 2],
                sorted[(int) (0.95 * (sorted.length - 1))], sorted[sorted.length - 1]);
    }

    private static int min(int[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static int max(int[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}

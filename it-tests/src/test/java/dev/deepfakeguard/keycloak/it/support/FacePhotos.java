package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.face.match.onnx.SamplePhotos;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.embedded.FaceAnalysis;
import dev.deepfakeguard.keycloak.scoring.embedded.FaceLocator;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * Real faces for the face-reference stories: people found in the test-time sample photos, and submissions made of
 * captures of one of them as the liveness page sends them (320×240 baseline JPEGs, one per step of the challenge).
 * A still photo cannot follow head-turn prompts, so these stories score liveness with a stand-in HTTP scorer and
 * let Keycloak's embedded matcher compare the faces.
 */
public final class FacePhotos {

    /** The matcher compares frames with |yaw| ≤ 0.15; the chosen people stay below this in every test capture. */
    private static final double MAX_YAW = 0.13;
    private static final int CHECKED_CAPTURES = 4;

    private final List<SamplePhotos.Person> people;

    private FacePhotos(List<SamplePhotos.Person> people) {
        this.people = people;
    }

    /** Found once per test JVM: scanning the photos takes up to a minute on a loaded machine. */
    private static final class Found {
        static final FacePhotos PHOTOS = find();
    }

    /** The people who look straightest into the camera, straightest first; the same in every run. */
    public static FacePhotos load() {
        return Found.PHOTOS;
    }

    private static FacePhotos find() {
        try (FaceAnalysis analysis = FaceAnalysis.load()) {
            if (!analysis.isAvailable()) {
                throw new IllegalStateException("BlazeFace unavailable in the test JVM: "
                        + analysis.unavailableReason().orElse("?"));
            }
            FaceLocator locator = new FaceLocator(analysis);
            List<SamplePhotos.Person> people = new ArrayList<>(SamplePhotos.people(locator));
            java.util.Map<SamplePhotos.Person, Double> yaw = new java.util.HashMap<>();
            for (SamplePhotos.Person person : people) {
                yaw.put(person, largestYaw(locator, person));
            }
            List<SamplePhotos.Person> frontal = people.stream().filter(p -> yaw.get(p) <= MAX_YAW)
                    .sorted(java.util.Comparator.comparingDouble(yaw::get)).toList();
            if (frontal.size() < 2) {
                throw new IllegalStateException("fewer than two frontal faces in " + SamplePhotos.directory()
                        + "; largest |yaw| per person: " + yaw);
            }
            return new FacePhotos(frontal);
        } catch (IOException e) {
            throw new UncheckedIOException("sample photos unreadable in " + SamplePhotos.directory(), e);
        }
    }

    /** The largest |yaw| BlazeFace measures in the test captures; no face counts as infinitely turned. */
    private static double largestYaw(FaceLocator locator, SamplePhotos.Person person) {
        double largest = 0;
        for (int i = 0; i < CHECKED_CAPTURES; i++) {
            byte[] jpeg = capture(person, new Random(i));
            var face = locator.locate(CapturedFrame.of(jpeg, 0), SamplePhotos.WIDTH, SamplePhotos.HEIGHT);
            largest = Math.max(largest, face.map(f -> Math.abs(f.yaw())).orElse(Double.MAX_VALUE));
        }
        return largest;
    }

    /** The {@code index}-th frontal person; different indexes are different people. */
    public SamplePhotos.Person person(int index) {
        return people.get(index);
    }

    /**
     * One capture of {@code person} per step of {@code challenge}, each a little different in size, position,
     * light and JPEG quality, as a camera's frames are; {@code seed} makes another sign-in's frames differ.
     */
    public static List<CapturedFrame> frames(SamplePhotos.Person person, Challenge challenge, long seed) {
        Random random = new Random(seed);
        long[] times = SyntheticFrames.regularTimes(challenge);
        List<CapturedFrame> frames = new ArrayList<>(times.length);
        for (long time : times) {
            frames.add(CapturedFrame.of(capture(person, random), time + random.nextInt(41) - 20));
        }
        return List.copyOf(frames);
    }

    private static byte[] capture(SamplePhotos.Person person, Random random) {
        return SamplePhotos.capture(person, 0.14 + random.nextDouble() * 0.03, (random.nextDouble() - 0.5) * 0.06,
                0.85 + random.nextDouble() * 0.3, 0.7f + random.nextFloat() * 0.15f, false);
    }
}

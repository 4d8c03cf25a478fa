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

    /** The matcher compares frames with |yaw| ≤ 0.15; people who look straighter than this leave it margin. */
    private static final double MAX_YAW = 0.08;

    private final List<SamplePhotos.Person> people;

    private FacePhotos(List<SamplePhotos.Person> people) {
        this.people = people;
    }

    /** Finds the people who look straight into the camera in every capture; in photo order, so runs agree. */
    public static FacePhotos load() {
        try (FaceAnalysis analysis = FaceAnalysis.load()) {
            if (!analysis.isAvailable()) {
                throw new IllegalStateException("BlazeFace unavailable in the test JVM: "
                        + analysis.unavailableReason().orElse("?"));
            }
            FaceLocator locator = new FaceLocator(analysis);
            List<SamplePhotos.Person> frontal = new ArrayList<>();
            for (SamplePhotos.Person person : SamplePhotos.people(locator)) {
                if (straight(locator, person)) {
                    frontal.add(person);
                }
            }
            if (frontal.size() < 3) {
                throw new IllegalStateException("fewer than three frontal faces in " + SamplePhotos.directory());
            }
            return new FacePhotos(List.copyOf(frontal));
        } catch (IOException e) {
            throw new UncheckedIOException("sample photos unreadable in " + SamplePhotos.directory(), e);
        }
    }

    private static boolean straight(FaceLocator locator, SamplePhotos.Person person) {
        for (int i = 0; i < 4; i++) {
            byte[] jpeg = capture(person, new Random(i));
            var face = locator.locate(CapturedFrame.of(jpeg, 0), SamplePhotos.WIDTH, SamplePhotos.HEIGHT);
            if (face.isEmpty() || Math.abs(face.get().yaw()) > MAX_YAW) {
                return false;
            }
        }
        return true;
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

package dev.deepfakeguard.keycloak.face.match.onnx;

import dev.deepfakeguard.keycloak.scoring.embedded.FaceLocator;
import dev.deepfakeguard.keycloak.scoring.embedded.LocatedFace;
import dev.deepfakeguard.keycloak.testing.HostileJpegs;

import javax.imageio.ImageIO;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real faces for matching tests: the group photos of the test-time photo package. Finds each face by scanning the
 * photo with camera-sized windows, and renders "captures" of one face as the liveness page would send them — a
 * 320×240 JPEG with the face at a given size, position and brightness.
 */
public final class SamplePhotos {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;

    /** One person in one photo: where the face is, and how far apart the eyes are, in photo pixels. */
    public record Person(String photo, BufferedImage image, double x, double y, double eyeDistance) {
        @Override
        public String toString() {
            return photo + "@" + Math.round(x) + "," + Math.round(y);
        }
    }

    private SamplePhotos() {
    }

    public static Path directory() {
        return Path.of(System.getProperty("face.test.photos", "target/face-test/photos/package/demo"));
    }

    public static List<Person> people(FaceLocator locator) throws IOException {
        List<Person> people = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
                people.addAll(find(locator, file.getFileName().toString(), ImageIO.read(file.toFile())));
            }
        }
        return people;
    }

    private static List<Person> find(FaceLocator locator, String name, BufferedImage photo) {
        List<Person> found = new ArrayList<>();
        for (int windowWidth : new int[] {400, 560, 720}) {
            int windowHeight = windowWidth * HEIGHT / WIDTH;
            int stride = windowWidth / 5;
            for (int top = 0; top + windowHeight <= photo.getHeight(); top += stride) {
                for (int left = 0; left + windowWidth <= photo.getWidth(); left += stride) {
                    BufferedImage frame = render(photo, left, top, windowWidth, 1.0, false);
                    double scale = (double) windowWidth / WIDTH;
                    LocatedFace face = locator.locate(frame).filter(SamplePhotos::central).orElse(null);
                    if (face == null) {
                        continue;
                    }
                    double x = left + centreX(face) * scale;
                    double y = top + centreY(face) * scale;
                    double eyes = eyeDistance(face) * scale;
                    if (found.stream().noneMatch(p -> Math.hypot(p.x() - x, p.y() - y) < 1.5 * p.eyeDistance())) {
                        found.add(new Person(name, photo, x, y, eyes));
                    }
                }
            }
        }
        return found;
    }

    /** Only faces well inside the window, so that every face is found whole. */
    private static boolean central(LocatedFace face) {
        double x = centreX(face) / WIDTH;
        double y = centreY(face) / HEIGHT;
        return x > 0.25 && x < 0.75 && y > 0.2 && y < 0.8 && Math.abs(face.yaw()) < 0.35
                && face.width() > 0.15 && face.width() < 0.6
                && face.score() >= 0.85;
    }

    static double centreX(LocatedFace face) {
        return (face.x(LocatedFace.LEFT_EYE) + face.x(LocatedFace.RIGHT_EYE) + face.x(LocatedFace.MOUTH_CENTRE)) / 3;
    }

    static double centreY(LocatedFace face) {
        return (face.y(LocatedFace.LEFT_EYE) + face.y(LocatedFace.RIGHT_EYE) + face.y(LocatedFace.MOUTH_CENTRE)) / 3;
    }

    static double eyeDistance(LocatedFace face) {
        return Math.hypot(face.x(LocatedFace.LEFT_EYE) - face.x(LocatedFace.RIGHT_EYE),
                face.y(LocatedFace.LEFT_EYE) - face.y(LocatedFace.RIGHT_EYE));
    }

    /**
     * A capture of {@code person}: eye distance {@code eyesOfWidth} of the frame's width, face centre moved by
     * {@code shiftX} of the frame's width, brightness multiplied by {@code light}, JPEG at {@code quality};
     * {@code mirrored} flips it left to right, which swaps the sides of an asymmetric face — the largest change of a
     * face's appearance these photos allow, standing in for a different day, light and camera.
     */
    public static byte[] capture(Person person, double eyesOfWidth, double shiftX, double light, float quality,
                          boolean mirrored) {
        int windowWidth = (int) Math.round(person.eyeDistance() / eyesOfWidth);
        int windowHeight = windowWidth * HEIGHT / WIDTH;
        int left = (int) Math.round(person.x() - windowWidth * (0.5 + shiftX));
        int top = (int) Math.round(person.y() - windowHeight * 0.5);
        return jpeg(render(person.image(), left, top, windowWidth, light, mirrored), quality);
    }

    private static BufferedImage render(BufferedImage photo, int left, int top, int windowWidth, double light,
                                        boolean mirrored) {
        int windowHeight = windowWidth * HEIGHT / WIDTH;
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        var g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        int fromX = mirrored ? left + windowWidth : left;
        int toX = mirrored ? left : left + windowWidth;
        g.drawImage(photo, 0, 0, WIDTH, HEIGHT, fromX, top, toX, top + windowHeight, null);
        g.dispose();
        if (light != 1.0) {
            byte[] data = ((java.awt.image.DataBufferByte) frame.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) Math.min(255, (int) Math.round((data[i] & 0xff) * light));
            }
        }
        return frame;
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        return HostileJpegs.encode(image, false, quality);
    }
}

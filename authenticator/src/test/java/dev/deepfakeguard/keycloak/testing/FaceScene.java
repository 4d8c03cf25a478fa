package dev.deepfakeguard.keycloak.testing;

import dev.deepfakeguard.keycloak.challenge.ScreenColour;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/**
 * A head-and-shoulders scene drawn with Java2D — skin shaded like a lit sphere, hair, ears, eyes with brows and pupils,
 * a nose with nostrils, lips — in front of a wall. No photograph of anyone: the face is geometry, yet BlazeFace finds
 * it (score 0.8–0.9) and its keypoints follow the head's yaw.
 *
 * <p>The drawing gives each pixel an albedo; lighting is added afterwards, per pixel: room light with a soft
 * fall-off plus the screen's colour, reflected strongly by the near person and weakly by the wall a metre behind
 * ({@link #FACE_REFLECTION} vs {@link #WALL_REFLECTION}, both in proportion to albedo), then Gaussian sensor noise.
 */
public final class FaceScene {

    static final double AMBIENT = 0.55;
    static final double FACE_REFLECTION = 0.22;
    static final double WALL_REFLECTION = 0.03;
    private static final double NOISE_SIGMA = 3.0;
    private static final Color WALL = new Color(150, 155, 165);

    /**
     * Where and how the head is.
     *
     * @param centreX    face centre, pixels
     * @param centreY    face centre, pixels
     * @param faceHeight chin to hairline, pixels
     * @param yawDegrees positive: turned to the person's own left (nose towards larger x)
     */
    public record Pose(double centreX, double centreY, double faceHeight, double yawDegrees) {

        /** A face in the middle of the guide oval at arm's length, looking straight at the screen. */
        public static Pose centred() {
            return new Pose(SyntheticFrames.WIDTH / 2.0, SyntheticFrames.HEIGHT / 2.0 + 5, 120, 0);
        }

        public Pose turned(double degrees) {
            return new Pose(centreX, centreY, faceHeight, degrees);
        }

        public Pose movedTo(double x, double y) {
            return new Pose(x, y, faceHeight, yawDegrees);
        }

        public Pose sized(double height) {
            return new Pose(centreX, centreY, height, yawDegrees);
        }
    }

    private FaceScene() {
    }

    /** The scene lit by room light plus {@code screen}, with sensor noise and a little head movement and exposure drift. */
    public static BufferedImage render(ScreenColour screen, Pose pose, Random random) {
        Pose jittered = pose.movedTo(pose.centreX() + random.nextInt(5) - 2, pose.centreY() + random.nextInt(5) - 2);
        BufferedImage person = drawPerson(new Pose[] {jittered});
        return light(person, screen, 1 + (random.nextDouble() - 0.5) * 0.04, random);
    }

    /** Several people in one scene (each pose one head), lit the same way. */
    public static BufferedImage renderGroup(ScreenColour screen, Pose[] poses, Random random) {
        return light(drawPerson(poses), screen, 1, random);
    }

    /**
     * Albedo of the people on a transparent canvas: alpha marks what is near the screen, colour is what the surface
     * reflects (0–255 per channel for 100 % reflectance).
     */
    static BufferedImage drawPerson(Pose[] poses) {
        BufferedImage image = new BufferedImage(SyntheticFrames.WIDTH, SyntheticFrames.HEIGHT,
                BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (Pose pose : poses) {
            drawHead(g, pose);
        }
        g.dispose();
        return image;
    }

    private static void drawHead(Graphics2D g, Pose pose) {
        double cx = pose.centreX();
        double cy = pose.centreY();
        double h = pose.faceHeight();
        double w = h * 0.75;
        double yaw = Math.toRadians(pose.yawDegrees());
        // Shoulders and neck.
        g.setColor(new Color(60, 70, 110));
        g.fill(new Ellipse2D.Double(cx - w * 1.3, cy + h * 0.55, w * 2.6, h * 1.2));
        g.setColor(new Color(215, 165, 135));
        g.fill(new java.awt.geom.Rectangle2D.Double(cx - w * 0.22, cy + h * 0.3, w * 0.44, h * 0.4));
        // Hair behind the head.
        g.setColor(new Color(60, 42, 30));
        g.fill(new Ellipse2D.Double(cx - w * 0.56, cy - h * 0.58, w * 1.12, h * 0.9));
        // Ears, where the turned head still shows them.
        for (int side = -1; side <= 1; side += 2) {
            double x = project(side * 0.98, 0.05, yaw);
            if (Math.cos(yaw) * 0.05 - side * 0.98 * Math.sin(yaw) > -0.6) {
                g.setColor(new Color(205, 150, 125));
                g.fill(new Ellipse2D.Double(cx + x * w / 2 - w * 0.09, cy + 0.01 * h - h * 0.1, w * 0.18, h * 0.22));
            }
        }
        // Skin, shaded like a sphere lit from the upper left; the highlight moves with the turn.
        double faceX = cx + Math.sin(yaw) * w * 0.08;
        Point2D light = new Point2D.Double(faceX - w * 0.15 + Math.sin(yaw) * w * 0.25, cy - h * 0.15);
        g.setPaint(new RadialGradientPaint(light, (float) (h * 0.7), new float[] {0f, 0.6f, 1f},
                new Color[] {new Color(245, 200, 170), new Color(220, 165, 135), new Color(155, 105, 85)}));
        g.fill(new Ellipse2D.Double(faceX - w / 2, cy - h / 2, w, h));
        // Fringe.
        g.setColor(new Color(60, 42, 30));
        g.fill(new Arc2D.Double(faceX - w * 0.52, cy - h * 0.56, w * 1.04, h * 0.5, 0, 180, Arc2D.CHORD));
        // Eyes: brow, sclera, iris, pupil.
        for (int side = -1; side <= 1; side += 2) {
            double ex = cx + project(side * 0.36, 0.85, yaw) * w / 2;
            double ey = cy - 0.06 * h;
            double ew = w * 0.2 * Math.max(0.3, Math.cos(yaw - side * 0.35));
            double eh = h * 0.065;
            double gaze = Math.sin(yaw) * ew * 0.2;
            g.setColor(new Color(120, 80, 60));
            g.setStroke(new BasicStroke((float) (h * 0.025)));
            g.draw(new Arc2D.Double(ex - ew * 0.7, ey - eh * 2.2, ew * 1.4, eh * 2, 20, 140, Arc2D.OPEN));
            g.setColor(new Color(245, 245, 240));
            g.fill(new Ellipse2D.Double(ex - ew / 2, ey - eh / 2, ew, eh));
            g.setColor(new Color(70, 48, 36));
            g.fill(new Ellipse2D.Double(ex - eh * 0.5 + gaze, ey - eh * 0.5, eh, eh));
            g.setColor(new Color(12, 12, 12));
            g.fill(new Ellipse2D.Double(ex - eh * 0.22 + gaze, ey - eh * 0.22, eh * 0.44, eh * 0.44));
        }
        // Nose: bridge shadow and nostrils, the tip further forward than the eyes so it moves more with the turn.
        g.setColor(new Color(185, 125, 100));
        g.setStroke(new BasicStroke((float) (h * 0.02)));
        g.draw(new Line2D.Double(cx + project(0, 0.95, yaw) * w / 2, cy - 0.025 * h,
                cx + project(0, 1.15, yaw) * w / 2 - w * 0.03, cy + 0.11 * h));
        g.setColor(new Color(120, 76, 60));
        for (int side = -1; side <= 1; side += 2) {
            double nx = cx + project(side * 0.08, 1.05, yaw) * w / 2;
            g.fill(new Ellipse2D.Double(nx - w * 0.025, cy + 0.125 * h - h * 0.012, w * 0.05, h * 0.024));
        }
        // Lips.
        double mouthX = cx + project(0, 0.9, yaw) * w / 2;
        double mouthY = cy + 0.25 * h;
        double mouthWidth = w * 0.36 * Math.cos(yaw);
        g.setColor(new Color(185, 78, 78));
        g.fill(new Ellipse2D.Double(mouthX - mouthWidth / 2, mouthY - h * 0.03, mouthWidth, h * 0.06));
        g.setColor(new Color(100, 34, 34));
        g.setStroke(new BasicStroke((float) (h * 0.01)));
        g.draw(new Line2D.Double(mouthX - mouthWidth / 2, mouthY, mouthX + mouthWidth / 2, mouthY));
    }

    /** x of a point on the head (x across, z towards the camera, head radius 1) after turning by {@code yaw}. */
    private static double project(double x, double z, double yaw) {
        return x * Math.cos(yaw) + z * Math.sin(yaw);
    }

    /** Lights the people and the wall behind them, adds exposure drift and sensor noise. */
    private static BufferedImage light(BufferedImage person, ScreenColour screen, double exposure, Random random) {
        int width = person.getWidth();
        int height = person.getHeight();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int[] albedo = ((DataBufferInt) person.getRaster().getDataBuffer()).getData();
        double[] screenLight = {screen.red() / 255.0, screen.green() / 255.0, screen.blue() / 255.0};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int argb = albedo[i];
                double near = ((argb >>> 24) & 0xff) / 255.0;
                // Soft light fall-off from the top left: a smooth gradient the noise estimate must ignore.
                double falloff = 0.9 + 0.2 * (1 - (double) (x + y) / (width + height));
                double reflection = WALL_REFLECTION + (FACE_REFLECTION - WALL_REFLECTION) * near;
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    double wall = ((WALL.getRGB() >> shift) & 0xff) / 255.0;
                    double surface = near * (((argb >> shift) & 0xff) / 255.0) + (1 - near) * wall;
                    double light = AMBIENT * falloff + reflection * screenLight[c];
                    double value = 255 * surface * light * exposure + random.nextGaussian() * NOISE_SIGMA;
                    rgb |= clamp(value) << shift;
                }
                out[i] = rgb;
            }
        }
        return image;
    }

    static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}

package dev.deepfakeguard.keycloak.scoring;

/**
 * What the page reports about its camera, and the frames' size. The label is client-supplied and therefore only
 * ever evidence against a submission, never for it.
 *
 * @param deviceLabel the {@code MediaStreamTrack.label} of the camera, possibly empty
 * @param width       width of the frames in pixels: the server's {@link FrameFormat#WIDTH}, which admission checked
 *                    in every frame; the page does not choose it
 * @param height      height of the frames in pixels: the server's {@link FrameFormat#HEIGHT}, likewise
 */
public record ClientSignals(String deviceLabel, int width, int height) {

    public static final int MAX_LABEL_LENGTH = 128;

    public ClientSignals {
        deviceLabel = deviceLabel == null ? "" : deviceLabel.strip();
        if (deviceLabel.length() > MAX_LABEL_LENGTH) {
            deviceLabel = deviceLabel.substring(0, MAX_LABEL_LENGTH);
        }
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative frame size");
        }
    }
}

package dev.deepfakeguard.keycloak.scoring;

/**
 * What the page reports about its camera. Client-supplied and therefore only ever evidence against a submission,
 * never for it.
 *
 * @param deviceLabel the {@code MediaStreamTrack.label} of the camera, possibly empty
 * @param width       width of the captured frames in pixels
 * @param height      height of the captured frames in pixels
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

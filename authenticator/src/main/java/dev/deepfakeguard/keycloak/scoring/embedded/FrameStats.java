package dev.deepfakeguard.keycloak.scoring.embedded;

import java.util.List;
import java.util.Optional;

/**
 * What the analysis of one frame yields; the pixels themselves are not kept.
 *
 * @param noise      mean absolute 2×2 second difference of green away from edges, in 8-bit levels: the sensor-noise
 *                   floor (0 for rendered, noise-free content)
 * @param faces      every face the detector found
 * @param face       mean colour inside the face box (the skin the screen lights), present when exactly one face
 * @param background mean colour of the background beside and above the head, present when exactly one face and
 *                   enough background is visible
 * @param aspect     frame width divided by height
 */
record FrameStats(double noise, List<Face> faces, Optional<Rgb> face, Optional<Rgb> background, double aspect) {

    FrameStats {
        faces = List.copyOf(faces);
    }

    /** The face, when there is exactly one. */
    Optional<Face> onlyFace() {
        return faces.size() == 1 ? Optional.of(faces.get(0)) : Optional.empty();
    }
}

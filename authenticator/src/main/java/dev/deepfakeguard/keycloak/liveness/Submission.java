package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.ClientSignals;

import java.util.List;

/** The media part of an admitted submission, already within the caps. */
record Submission(List<CapturedFrame> frames, ClientSignals signals) {

    Submission {
        frames = List.copyOf(frames);
    }
}

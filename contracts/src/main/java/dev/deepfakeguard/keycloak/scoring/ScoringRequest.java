package dev.deepfakeguard.keycloak.scoring;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.FlowKind;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a scorer may look at for one submission.
 *
 * @param requestId      unique per submission; vendors use it for idempotency
 * @param realmId        realm of the authentication session (replay state is kept per realm)
 * @param subject        pseudonymous, stable subject reference (never the user name)
 * @param flow           which policy applies
 * @param challenge      the challenge the frames answer
 * @param frames         frames in capture order, already checked against the size caps
 * @param signals        what the page reported about its camera
 * @param elapsedMillis  server-measured time from issuing the challenge to receiving the submission
 * @param settings       the authenticator configuration
 * @param vendorFaceId   the account's face reference at the vendor (e.g. a Rekognition FaceId), if it has one
 */
public record ScoringRequest(String requestId, String realmId, String subject, FlowKind flow, Challenge challenge,
                             List<CapturedFrame> frames, ClientSignals signals, long elapsedMillis,
                             ScorerSettings settings, Optional<String> vendorFaceId) {

    public ScoringRequest(String requestId, String realmId, String subject, FlowKind flow, Challenge challenge,
                          List<CapturedFrame> frames, ClientSignals signals, long elapsedMillis,
                          ScorerSettings settings) {
        this(requestId, realmId, subject, flow, challenge, frames, signals, elapsedMillis, settings,
                Optional.empty());
    }

    public ScoringRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(settings, "settings");
        frames = List.copyOf(frames);
        vendorFaceId = vendorFaceId == null ? Optional.empty()
                : vendorFaceId.filter(id -> id.matches("[A-Za-z0-9._:-]{1,128}"));
    }
}

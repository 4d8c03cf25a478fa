package dev.deepfakeguard.keycloak.scoring.http;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.challenge.ScreenColour;
import dev.deepfakeguard.keycloak.contract.FlowKind;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.ClientSignals;
import dev.deepfakeguard.keycloak.scoring.ScorerSettings;
import dev.deepfakeguard.keycloak.scoring.ScoringRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds valid scoring requests; tests change only what they are about. */
final class ScoringRequests {

    static final String REQUEST_ID = "req-6f1c2d9e";
    static final String NONCE = "n0nce-secret-value-abcdefghijk";
    static final String CHALLENGE_ID = "chal-0123456789abcdef";
    static final byte[] JPEG_0 = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 1, 2, 3};
    static final byte[] JPEG_1 = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 4, 5, 6};

    private final Map<String, String> settings = new HashMap<>();
    private FlowKind flow = FlowKind.LOGIN;
    private String vendorFaceId;

    private ScoringRequests() {
    }

    static ScoringRequests request() {
        return new ScoringRequests();
    }

    ScoringRequests url(String url) {
        return set(HttpScorerConfig.URL, url);
    }

    ScoringRequests set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    ScoringRequests vendorFaceId(String id) {
        vendorFaceId = id;
        return this;
    }

    ScoringRequests flow(FlowKind kind) {
        flow = kind;
        return this;
    }

    ScoringRequest build() {
        Challenge challenge = Challenge.colourOnly(CHALLENGE_ID, NONCE,
                List.of(ScreenColour.parseHex("#ff4848"), ScreenColour.parseHex("#48e648")), 600,
                1_700_000_000_000L, 1_700_000_060_000L);
        return new ScoringRequest(REQUEST_ID, "realm-1", "subj-3b9f", flow, challenge,
                List.of(CapturedFrame.of(JPEG_0, 580), CapturedFrame.of(JPEG_1, 1_180)),
                new ClientSignals("FaceTime HD Camera", 320, 240), 4_200, ScorerSettings.of(settings),
                java.util.Optional.ofNullable(vendorFaceId));
    }
}

package dev.deepfakeguard.keycloak.scoring.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.challenge.ScreenColour;
import dev.deepfakeguard.keycloak.contract.Sha256;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.ScoringRequest;

import java.util.Base64;

/** Writes the vendor-neutral request body of {@code docs/scorer-api.openapi.yaml}. */
final class ScoringRequestJson {

    /** An {@link ObjectWriter} is immutable and thread-safe, so one instance serves every call. */
    private static final ObjectWriter WRITER = JsonMapper.builder().build().writer();

    private ScoringRequestJson() {
    }

    static byte[] write(ScoringRequest request, boolean sendMedia) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode root = json.objectNode();
        root.put("requestId", request.requestId());
        root.put("subject", request.subject());
        root.put("flow", request.flow().value());
        root.set("challenge", challenge(request.challenge(), json));
        root.set("media", sendMedia ? frames(request, json) : reference(request, json));
        // Only a reference the account holds at the vendor: never a template, never an image.
        request.vendorFaceId().ifPresent(id -> root.putObject("faceReference").put("vendorFaceId", id));
        ObjectNode client = root.putObject("client");
        client.put("deviceLabel", request.signals().deviceLabel());
        client.put("width", request.signals().width());
        client.put("height", request.signals().height());
        client.put("elapsedMillis", request.elapsedMillis());
        try {
            return WRITER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /**
     * The binding proves which challenge the frames answer without handing the nonce to a third party: the nonce
     * stays a secret between the page and Keycloak, so a vendor (or its logs) cannot replay it.
     */
    static String binding(String nonce) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(nonce));
    }

    private static ObjectNode challenge(Challenge challenge, JsonNodeFactory json) {
        ObjectNode node = json.objectNode();
        node.put("id", challenge.id());
        node.put("binding", binding(challenge.nonce()));
        ArrayNode colours = node.putArray("colours");
        for (ScreenColour colour : challenge.colours()) {
            colours.add(colour.hex());
        }
        ArrayNode poses = node.putArray("poses");
        challenge.poses().forEach(pose -> poses.add(pose.value()));
        node.put("stepMillis", challenge.stepMillis());
        node.put("issuedAt", challenge.issuedAtMillis());
        return node;
    }

    private static ObjectNode frames(ScoringRequest request, JsonNodeFactory json) {
        ObjectNode media = json.objectNode();
        media.put("type", "frames");
        ArrayNode frames = media.putArray("frames");
        for (CapturedFrame frame : request.frames()) {
            frames.addObject().put("t", frame.capturedAtMillis()).put("jpeg", frame.base64());
        }
        return media;
    }

    /** The vendor captured the media in its own session, tagged with our challenge id; we only point at it. */
    private static ObjectNode reference(ScoringRequest request, JsonNodeFactory json) {
        ObjectNode media = json.objectNode();
        media.put("type", "reference");
        media.put("sessionReference", request.challenge().id());
        return media;
    }
}

package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the token endpoint returned, with the JWT payloads decoded (not verified: the test talked to the issuer
 * directly over loopback).
 */
public record Tokens(String accessToken, JsonNode access, JsonNode id) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Tokens parse(JsonNode response) {
        String accessToken = response.path("access_token").asText();
        return new Tokens(accessToken, payload(accessToken), payload(response.path("id_token").asText()));
    }

    /** The ID token's {@code acr}, or null. */
    public String acr() {
        return id.path("acr").asText(null);
    }

    /** The ID token's {@code amr} values; empty when the claim is absent. */
    public List<String> amr() {
        List<String> values = new ArrayList<>();
        JsonNode amr = id.path("amr");
        if (amr.isArray()) {
            amr.forEach(value -> values.add(value.asText()));
        } else if (amr.isTextual()) {
            values.add(amr.asText());
        }
        return values;
    }

    private static JsonNode payload(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a signed JWT: " + jwt);
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("JWT payload is not JSON", e);
        }
    }
}

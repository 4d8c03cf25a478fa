package dev.deepfakeguard.keycloak.it.support;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.contract.EventDetails;

/** Predicates over Keycloak event representations and their {@code dfg_} details. */
public final class Events {

    private Events() {
    }

    /** Events the server recorded at or after {@code epochMillis} (same machine, same clock). */
    public static Predicate<JsonNode> since(long epochMillis) {
        return event -> event.path("time").asLong() >= epochMillis;
    }

    public static Predicate<JsonNode> withError(String error) {
        return event -> error.equals(event.path("error").asText(null));
    }

    public static String detail(JsonNode event, String key) {
        return event.path("details").path(key).asText(null);
    }

    /** The comma-separated {@code dfg_reasons} as a list. */
    public static List<String> reasons(JsonNode event) {
        String raw = detail(event, EventDetails.REASONS);
        return raw == null || raw.isBlank() ? List.of() : Arrays.stream(raw.split(",")).map(String::trim).toList();
    }
}

package dev.deepfakeguard.keycloak.liveness;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Event details as one session note: {@code key=value&…}, URL-encoded; only {@code dfg_} keys survive decoding. */
final class DecisionDetails {

    private static final int MAX_NOTE_LENGTH = 4096;

    private DecisionDetails() {
    }

    static String encode(Map<String, String> details) {
        StringBuilder out = new StringBuilder();
        details.forEach((key, value) -> out.append(out.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return out.toString();
    }

    static Map<String, String> decode(String note) {
        Map<String, String> details = new LinkedHashMap<>();
        if (note == null || note.isEmpty() || note.length() > MAX_NOTE_LENGTH) {
            return details;
        }
        for (String pair : note.split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            try {
                String key = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
                if (key.startsWith("dfg_")) {
                    details.put(key, URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) {
                // a damaged pair is dropped, the others still count
            }
        }
        return details;
    }
}

package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Fields;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;
import dev.deepfakeguard.keycloak.it.support.Page;

/**
 * What the crash and fault stories compare: the user session a client saw its sign-in end with, and the LOGIN
 * records an audit export holds for it.
 */
final class LoginRecords {

    private LoginRecords() {
    }

    /** The authorization code is {@code <code id>.<user session id>.<client uuid>} (Keycloak's OAuth2CodeParser). */
    static String sessionId(Page codeRedirect) {
        String location = codeRedirect.location().orElseThrow();
        String code = Arrays.stream(URI.create(location).getRawQuery().split("&"))
                .filter(p -> p.startsWith("code=")).findFirst().orElseThrow().substring("code=".length());
        String[] parts = URLDecoder.decode(code, StandardCharsets.UTF_8).split("\\.");
        assertThat(parts).as("code " + code).hasSize(3);
        return parts[1];
    }

    /** Session id → epoch that chained it, for every LOGIN record of {@code userId} in the export. */
    static Map<String, String> loginSessions(List<String> export, String userId) {
        Map<String, String> chainedIn = new HashMap<>();
        for (String line : export) {
            Map<String, Object> json = parse(line);
            if (!ExportFormat.RECORD.equals(json.get(ExportFormat.LINE_KIND))) {
                continue;
            }
            Map<String, Object> record = Fields.object(json, "record");
            if (record.get("event") instanceof Map<?, ?> event && "LOGIN".equals(event.get("type"))
                    && userId.equals(event.get("userId"))) {
                chainedIn.put(String.valueOf(event.get("sessionId")), String.valueOf(record.get("epoch")));
            }
        }
        return chainedIn;
    }

    /** The kind of an export line ({@code record}, {@code pending}, …). */
    static String kind(String line) {
        return String.valueOf(parse(line).get(ExportFormat.LINE_KIND));
    }

    private static Map<String, Object> parse(String line) {
        try {
            return Json.parseObject(line);
        } catch (JsonSyntaxException e) {
            throw new UncheckedIOException(new IOException("export line is not JSON: " + line, e));
        }
    }
}

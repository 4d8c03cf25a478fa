package dev.deepfakeguard.keycloak.audit.verify;

import java.util.Map;

import dev.deepfakeguard.keycloak.audit.format.Digests;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;

/**
 * A line for the parsing path, parsed, and for a record line the canonical hashes of its record and personal part
 * computed ahead (the costly part, done on a worker thread). Whatever cannot be computed ahead is left null and
 * computed, with its usual finding, when the line is applied.
 *
 * @param json         the parsed object; null when the line is blank or not valid JSON
 * @param syntaxError  why the line is not valid JSON; null when it is (or blank)
 * @param recordHash   hex SHA-256 of the record member's RFC 8785 form, or null
 * @param personalHash hex SHA-256 of the personal member's RFC 8785 form, or null
 */
record ParsedLine(boolean blank, Map<String, Object> json, String syntaxError, String recordHash,
                  String personalHash) implements PreparedLine {

    static ParsedLine of(String text) {
        if (text.isBlank()) {
            return new ParsedLine(true, null, null, null, null);
        }
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (JsonSyntaxException e) {
            return new ParsedLine(false, null, e.getMessage(), null, null);
        }
        if (!ExportFormat.RECORD.equals(json.get(ExportFormat.LINE_KIND))) {
            return new ParsedLine(false, json, null, null, null);
        }
        return new ParsedLine(false, json, null, hashOfObject(json.get("record")),
                hashOfObject(json.get("personal")));
    }

    private static String hashOfObject(Object value) {
        if (!(value instanceof Map)) {
            return null;
        }
        try {
            return Digests.canonicalHash(value);
        } catch (RuntimeException e) {
            return null; // computed again when applied, which reports it as the sequential verifier always did
        }
    }
}

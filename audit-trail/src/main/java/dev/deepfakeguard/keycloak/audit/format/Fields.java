package dev.deepfakeguard.keycloak.audit.format;

import java.util.Map;
import java.util.regex.Pattern;

/** Typed reads of JSON members with messages that name the member; every failure is an IllegalArgumentException. */
public final class Fields {

    /** An identifier (node, epoch, key id): ASCII letters, digits and these, 1 to {@link #ID_MAX_LENGTH} long. */
    public static final String ID_PUNCTUATION = "._:@/+=-";
    public static final int ID_MAX_LENGTH = 128;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9" + ID_PUNCTUATION + "]{1," + ID_MAX_LENGTH + "}");

    private Fields() {
    }

    public static String string(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(value == null ? "member \"" + name + "\" is missing"
                    : "member \"" + name + "\" must be a string");
        }
        return s;
    }

    public static String optionalString(Map<String, Object> json, String name) {
        Object value = json.get(name);
        return value instanceof String s ? s : null;
    }

    public static long integer(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (!(value instanceof Long number)) {
            throw new IllegalArgumentException(value == null ? "member \"" + name + "\" is missing"
                    : "member \"" + name + "\" must be an integer");
        }
        return number;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> json, String name) {
        Object value = json.get(name);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(value == null ? "member \"" + name + "\" is missing"
                    : "member \"" + name + "\" must be an object");
        }
        return (Map<String, Object>) value;
    }

    /** Identifiers (node, epoch, key id, algorithm): short, printable, no spaces, so they are safe in reports. */
    public static String requireId(String name, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1-128 characters of [A-Za-z0-9._:@/+=-]");
        }
        return value;
    }
}

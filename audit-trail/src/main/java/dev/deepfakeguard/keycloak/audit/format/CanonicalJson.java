package dev.deepfakeguard.keycloak.audit.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values audit records contain: objects, arrays, strings, integers,
 * booleans and null. Integers only: RFC 8785 serialises numbers as ECMAScript does, which for integers up to 2^53
 * is the plain decimal form, so larger magnitudes are refused rather than silently rounded by other verifiers.
 *
 * <p>Object members are sorted by their names' UTF-16 code units, which is exactly {@link String#compareTo}.
 */
public final class CanonicalJson {

    /** Largest integer an RFC 8785 (IEEE 754 double) reader keeps exact. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder(512);
        append(out, value);
        return out.toString();
    }

    public static byte[] bytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null || value == Json.NULL) {
            out.append("null");
        } else if (value instanceof String s) {
            appendString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer) {
            long number = ((Number) value).longValue();
            if (number > MAX_SAFE_INTEGER || number < -MAX_SAFE_INTEGER) {
                throw new IllegalArgumentException("integer " + number + " is beyond ±2^53-1");
            }
            out.append(number);
        } else if (value instanceof Map<?, ?> map) {
            appendObject(out, map);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not an audit JSON value: " + value.getClass().getName());
        }
    }

    private static void appendObject(StringBuilder out, Map<?, ?> map) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String s)) {
                throw new IllegalArgumentException("object member names must be strings");
            }
            keys.add(s);
        }
        keys.sort(null);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String key = keys.get(i);
            appendString(out, key);
            out.append(':');
            append(out, map.get(key));
        }
        out.append('}');
    }

    /** RFC 8785 §3.2.2.2: the short escapes, \\u00xx for other controls, everything else (non-ASCII too) as is. */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        int length = s.length();
        int copiedUpTo = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, copiedUpTo, i);
            copiedUpTo = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, copiedUpTo, length).append('"');
    }
}

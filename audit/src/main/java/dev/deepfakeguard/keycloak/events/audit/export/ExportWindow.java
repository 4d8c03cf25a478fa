package dev.deepfakeguard.keycloak.events.audit.export;

import java.time.DateTimeException;
import java.time.OffsetDateTime;

/**
 * The time window of an export, {@code [from, to)} in epoch milliseconds. Each bound is given as epoch milliseconds or
 * as an ISO-8601 date-time with an offset ({@code 2026-12-06T10:00:00Z}); a missing {@code from} is the beginning,
 * a missing {@code to} is now. Anything else is refused with a message that says what is expected.
 */
record ExportWindow(long from, long to) {

    static final String EXPECTED = "epoch milliseconds or an ISO-8601 date-time with offset, e.g. 2026-12-06T10:00:00Z";
    private static final int MAX_TEXT = 64;

    ExportWindow {
        if (from < 0) {
            throw new IllegalArgumentException("from must not be before 1970-01-01T00:00:00Z");
        }
        if (to <= from) {
            throw new IllegalArgumentException("from must be earlier than to");
        }
    }

    /** @param nowMillis the default end: exclusive, so one millisecond after now */
    static ExportWindow parse(String from, String to, long nowMillis) {
        long start = from == null || from.isBlank() ? 0 : instant("from", from);
        long end = to == null || to.isBlank() ? nowMillis + 1 : instant("to", to);
        return new ExportWindow(start, end);
    }

    private static long instant(String name, String text) {
        String value = text.strip();
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(name + " must be " + EXPECTED);
        }
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be " + EXPECTED);
            }
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException(name + " must be " + EXPECTED);
        }
    }
}

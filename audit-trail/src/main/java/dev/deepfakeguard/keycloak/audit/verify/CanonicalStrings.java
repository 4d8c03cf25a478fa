package dev.deepfakeguard.keycloak.audit.verify;

/**
 * The two string checks of {@link CanonicalJsonBytes} that look at more than one byte: an escape must be one the
 * canonical writer produces, and a non-ASCII character must be well-formed UTF-8 (bytes that would decode to U+FFFD
 * would not hash as the parsing path hashes them).
 */
final class CanonicalStrings {

    private CanonicalStrings() {
    }

    /**
     * The length of the escape at {@code b[pos]}, 0 if refused. The writer's escapes only: \" \\ \b \f \n \r \t, and a
     * u00xx escape (lower-case hex) for the other controls.
     */
    static int escape(byte[] b, int pos, int end) {
        if (end - pos < 2) {
            return 0;
        }
        byte e = b[pos + 1];
        switch (e) {
            case '"', '\\', 'b', 'f', 'n', 'r', 't' -> {
                return 2;
            }
            case 'u' -> {
                if (end - pos < 6 || b[pos + 2] != '0' || b[pos + 3] != '0') {
                    return 0;
                }
                int high = CanonicalJsonBytes.hexValue(b[pos + 4]);
                int low = CanonicalJsonBytes.hexValue(b[pos + 5]);
                if (high < 0 || low < 0) {
                    return 0;
                }
                int c = high * 16 + low;
                if (c >= 0x20 || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                    return 0;
                }
                return 6;
            }
            default -> {
                return 0;
            }
        }
    }

    /**
     * The length of the UTF-8 sequence at {@code b[pos]}, 0 if refused: well-formed only (no overlong forms, no
     * surrogates, nothing above U+10FFFF).
     */
    static int utf8Sequence(byte[] b, int pos, int end) {
        int lead = b[pos] & 0xff;
        int continuation;
        int min = 0x80;
        int max = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) {
            continuation = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            continuation = 2;
            if (lead == 0xe0) {
                min = 0xa0;
            } else if (lead == 0xed) {
                max = 0x9f;
            }
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            continuation = 3;
            if (lead == 0xf0) {
                min = 0x90;
            } else if (lead == 0xf4) {
                max = 0x8f;
            }
        } else {
            return 0;
        }
        if (end - pos <= continuation) {
            return 0;
        }
        int second = b[pos + 1] & 0xff;
        if (second < min || second > max) {
            return 0;
        }
        for (int i = 2; i <= continuation; i++) {
            int c = b[pos + i] & 0xff;
            if (c < 0x80 || c > 0xbf) {
                return 0;
            }
        }
        return continuation + 1;
    }
}

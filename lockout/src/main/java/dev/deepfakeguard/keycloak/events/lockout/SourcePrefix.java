package dev.deepfakeguard.keycloak.events.lockout;

import java.util.Optional;

/**
 * How much of a client address a source count and lock cover: the leading {@code ipv4} bits of an IPv4 address and
 * the leading {@code ipv6} bits of an IPv6 address. One IPv6 device rotates through the addresses of its /64 (privacy
 * extensions, RFC 8981) and one customer usually holds a whole /64 or more, so counting single IPv6 addresses would
 * let anyone dodge a source lock by changing address; an IPv4 address is scarce and counted whole by default.
 * IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) are the IPv4 address they carry.
 *
 * <p>Only address literals are keyed, parsed here without {@link java.net.InetAddress}: a name is never resolved,
 * and anything that is not exactly an address (names, ports, zone ids, brackets) has no key.
 *
 * @param ipv4 16–32
 * @param ipv6 32–128
 */
public record SourcePrefix(int ipv4, int ipv6) {

    public static final int MIN_IPV4 = 16;
    public static final int MIN_IPV6 = 32;
    private static final int MAX_LITERAL = 64;

    public SourcePrefix {
        if (ipv4 < MIN_IPV4 || ipv4 > 32) {
            throw new IllegalArgumentException("IPv4 prefix length must be " + MIN_IPV4 + "–32, was " + ipv4);
        }
        if (ipv6 < MIN_IPV6 || ipv6 > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be " + MIN_IPV6 + "–128, was " + ipv6);
        }
    }

    /**
     * The source key of a client address as Keycloak reports it: {@code 203.0.113.7} (whole IPv4 address),
     * {@code 203.0.113.0/24}, {@code 2001:db8:1:2::/64}; empty for anything that is not an address literal.
     */
    public Optional<String> key(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_LITERAL) {
            return Optional.empty();
        }
        byte[] bytes = address.indexOf(':') >= 0 ? ipv6(address) : ipv4(address);
        if (bytes == null) {
            return Optional.empty();
        }
        if (bytes.length == 16 && isIpv4Mapped(bytes)) {
            byte[] ipv4Bytes = new byte[4];
            System.arraycopy(bytes, 12, ipv4Bytes, 0, 4);
            bytes = ipv4Bytes;
        }
        return Optional.of(bytes.length == 4 ? ipv4Key(bytes) : ipv6Key(bytes));
    }

    /**
     * What an admin names a source by: an address (keyed as above) or a key from the lock list, such as
     * {@code 2001:db8:1:2::/64}; a prefix length other than this realm's has no key.
     */
    public Optional<String> keyOfAdminInput(String input) {
        if (input == null) {
            return Optional.empty();
        }
        int slash = input.indexOf('/');
        if (slash < 0) {
            return key(input);
        }
        String address = input.substring(0, slash);
        String length = input.substring(slash + 1);
        return key(address).filter(key -> {
            String expected = Integer.toString(key.indexOf(':') < 0 ? ipv4 : ipv6);
            return length.equals(expected) && key.endsWith("/" + expected);
        });
    }

    private String ipv4Key(byte[] address) {
        mask(address, ipv4);
        String text = (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                + (address[3] & 0xff);
        return ipv4 == 32 ? text : text + "/" + ipv4;
    }

    private String ipv6Key(byte[] address) {
        mask(address, ipv6);
        String text = canonicalIpv6(address);
        return ipv6 == 128 ? text : text + "/" + ipv6;
    }

    private static void mask(byte[] address, int prefix) {
        for (int bit = prefix; bit < address.length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    /** Dotted quad, four decimal parts 0–255 without leading zeros; anything else is null. */
    private static byte[] ipv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '.') {
                continue;
            }
            if (part == 4) {
                return null;
            }
            int value = decimalOctet(text, start, i);
            if (value < 0) {
                return null;
            }
            bytes[part++] = (byte) value;
            start = i + 1;
        }
        return part == 4 ? bytes : null;
    }

    private static int decimalOctet(String text, int start, int end) {
        int length = end - start;
        if (length < 1 || length > 3 || (length > 1 && text.charAt(start) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    /**
     * RFC 4291 §2.2 text forms: eight groups of 1–4 hex digits, one {@code ::} for a run of zero groups, optionally
     * a dotted quad as the last 32 bits. Null for anything else.
     */
    private static byte[] ipv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head, doubleColon < 0);
        int[] tailGroups = doubleColon >= 0 ? groups(tail, true) : new int[0];
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (doubleColon >= 0 ? total > 7 : total != 8) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            put(bytes, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            put(bytes, 8 - tailGroups.length + i, tailGroups[i]);
        }
        return bytes;
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >>> 8);
        bytes[2 * group + 1] = (byte) value;
    }

    /**
     * Colon-separated 16-bit groups; when {@code mayEndInIpv4}, the last part may be a dotted quad (two groups).
     * Empty text is no groups (either side of {@code ::}); null when malformed.
     */
    private static int[] groups(String text, boolean mayEndInIpv4) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        boolean ipv4Tail = mayEndInIpv4 && parts[parts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (ipv4Tail ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            if (ipv4Tail && i == parts.length - 1) {
                byte[] quad = ipv4(parts[i]);
                if (quad == null) {
                    return null;
                }
                groups[i] = (quad[0] & 0xff) << 8 | (quad[1] & 0xff);
                groups[i + 1] = (quad[2] & 0xff) << 8 | (quad[3] & 0xff);
                continue;
            }
            int group = hexGroup(parts[i]);
            if (group < 0) {
                return null;
            }
            groups[i] = group;
        }
        return groups;
    }

    private static int hexGroup(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** RFC 5952: lower case, no leading zeros, the first longest run of two or more zero groups as {@code ::}. */
    private static String canonicalIpv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += length;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}

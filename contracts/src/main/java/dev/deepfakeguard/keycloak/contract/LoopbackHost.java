package dev.deepfakeguard.keycloak.contract;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a URL's host is this machine, decided from the host text alone: {@code localhost}, a dotted-quad IPv4
 * literal in 127.0.0.0/8, or an IPv6 literal that is loopback ({@code ::1}, also bracketed). Never a DNS lookup and
 * never a prefix match: {@code 127.attacker.example}, {@code 127.0.0.1.nip.io} and {@code localhost.attacker.example}
 * are names someone else controls, and {@code 2130706433} or {@code 0x7f.1} are spellings that some parsers and
 * resolvers would turn into 127.0.0.1 and others would not. Plain http is allowed only to a host this accepts.
 */
public final class LoopbackHost {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private LoopbackHost() {
    }

    public static boolean is(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.toLowerCase(Locale.ROOT).equals("localhost") || IPV4_LOOPBACK.matcher(bare).matches()) {
            return true;
        }
        if (!bare.contains(":") || !IPV6_LITERAL.matcher(bare).matches()) {
            return false;
        }
        try {
            // Only hex digits, colons and dots: InetAddress parses it as an IPv6 literal and never looks it up.
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

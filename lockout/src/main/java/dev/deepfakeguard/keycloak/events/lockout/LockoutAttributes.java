package dev.deepfakeguard.keycloak.events.lockout;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.deepfakeguard.keycloak.contract.LoopbackHost;
import okhttp3.HttpUrl;

/**
 * Reads the {@code deepfake-guard.lockout.*} attributes of {@link LockoutConfig}: each value with its default and
 * range, collecting every problem instead of stopping at the first, so that a rejected set names all broken keys.
 */
final class LockoutAttributes {
    private final Map<String, String> attributes;
    private final List<String> problems = new ArrayList<>();

    LockoutAttributes(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    List<String> problems() {
        return problems;
    }

    void problem(String problem) {
        problems.add(problem);
    }

    private String raw(LockoutConfig.Key key) {
        String value = attributes.get(key.attribute());
        return value == null || value.isBlank() ? null : value.strip();
    }

    boolean bool(LockoutConfig.Key key) {
        String value = raw(key);
        if (value == null) {
            return Boolean.parseBoolean(key.defaultValue());
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
            problems.add(key.attribute() + " must be true or false, was '" + shorten(value) + "'");
            return Boolean.parseBoolean(key.defaultValue());
        }
        return Boolean.parseBoolean(lower);
    }

    int integer(LockoutConfig.Key key, int min, int max) {
        String value = raw(key);
        if (value == null) {
            return Integer.parseInt(key.defaultValue());
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        problems.add(key.attribute() + " must be an integer from " + min + " to " + max + ", was '"
                + shorten(value) + "'");
        return Integer.parseInt(key.defaultValue());
    }

    String text(LockoutConfig.Key key) {
        String value = raw(key);
        return value == null ? "" : value;
    }

    Optional<URI> url(LockoutConfig.Key key) {
        String value = raw(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null
                    && sameHostForTheSender(uri) && (scheme.equals("https")
                    || (scheme.equals("http") && LoopbackHost.is(uri.getHost())))) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(key.attribute() + " must be an https URL (http only to a loopback address), without "
                + "credentials or fragment, was '" + shorten(value) + "'");
        return Optional.empty();
    }

    /**
     * The host checked here must be the host the alert worker's HTTP client will connect to: a URL two parsers
     * read differently could pass as loopback here and reach another host there.
     */
    private static boolean sameHostForTheSender(URI uri) {
        HttpUrl parsed = HttpUrl.parse(uri.toString());
        if (parsed == null) {
            return false;
        }
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return parsed.host().equalsIgnoreCase(bare) || isSameIpv6Literal(parsed.host(), bare);
    }

    private static boolean isSameIpv6Literal(String a, String b) {
        if (!a.contains(":") || !b.contains(":") || !b.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String shorten(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}

package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A cookie jar that treats plain-HTTP loopback like a secure context, as browsers do. Keycloak marks its session
 * cookies {@code Secure}; {@link CookieManager} alone would then never send them back to http://127.0.0.1.
 */
final class LoopbackCookieHandler extends CookieHandler {

    private final CookieManager delegate = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
        return delegate.get(uri, requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
            delegate.put(uri, responseHeaders);
            return;
        }
        Map<String, List<String>> insecure = responseHeaders.entrySet().stream()
                .filter(e -> e.getKey() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> isSetCookie(e.getKey())
                        ? e.getValue().stream().map(LoopbackCookieHandler::dropSecure).toList()
                        : e.getValue()));
        delegate.put(uri, insecure);
    }

    private static boolean isSetCookie(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return name.equals("set-cookie") || name.equals("set-cookie2");
    }

    private static String dropSecure(String setCookie) {
        return setCookie.replaceAll("(?i);\\s*Secure(?=;|$)", "");
    }
}

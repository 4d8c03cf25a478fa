package dev.deepfakeguard.keycloak.it.support;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What the server answered after all redirects inside Keycloak were followed: either a rendered page or the
 * redirect back to the client.
 *
 * @param status   HTTP status of the last response
 * @param uri      the request that produced it
 * @param location {@code Location} header of a redirect that was not followed (the client callback)
 * @param body     response body, empty for redirects
 */
public record Page(int status, URI uri, Optional<String> location, String body) {

    /** Where Keycloak's login themes render messages; the first non-empty one is the message shown. */
    private static final List<String> MESSAGE_SELECTORS = List.of(
            ".kc-feedback-text", "#kc-error-message", "#input-error", ".pf-v5-c-alert__title",
            "[role=alert]", ".alert-error", ".dfg-error");

    public Document document() {
        return Jsoup.parse(body, uri.toString());
    }

    /** True when the flow finished and Keycloak sent the browser back to the client with an authorization code. */
    public boolean isCodeRedirect() {
        return location.filter(l -> l.startsWith(RealmBuilder.REDIRECT_URI) && l.contains("code=")).isPresent();
    }

    public boolean isLivenessPage() {
        return status == 200 && document().selectFirst("#dfg-root") != null;
    }

    /** The user-visible error or info message of the page, if it shows one. */
    public Optional<String> message() {
        Document document = document();
        for (String selector : MESSAGE_SELECTORS) {
            for (Element element : document.select(selector)) {
                String text = element.text().trim();
                if (!text.isEmpty()) {
                    return Optional.of(text);
                }
            }
        }
        return Optional.empty();
    }

    /** Short description for assertion messages. */
    public String describe() {
        return "HTTP " + status + " " + uri + location.map(l -> " -> " + l).orElse("") + "\n"
                + (body.length() > 4000 ? body.substring(0, 4000) + "…" : body);
    }
}

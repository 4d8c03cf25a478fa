package dev.deepfakeguard.keycloak.helpdesk.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/**
 * The agent page's three static files, served from the extension's JAR with a strict content security policy: only
 * this origin's scripts, styles and connections, no framing.
 */
final class AgentPage {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final String DIR = "/dev/deepfakeguard/keycloak/helpdesk/page/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "page.js", "text/javascript; charset=utf-8",
            "page.css", "text/css; charset=utf-8");

    private AgentPage() {
    }

    static Response serve(String name) {
        String type = FILES.get(name);
        if (type == null) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        try (InputStream in = AgentPage.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                return Response.status(Response.Status.NOT_FOUND).build();
            }
            return Response.ok(in.readAllBytes(), type)
                    .header("Content-Security-Policy", CSP)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("agent page file " + name + " unreadable", e);
        }
    }
}

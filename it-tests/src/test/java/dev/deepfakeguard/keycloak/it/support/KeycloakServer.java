package dev.deepfakeguard.keycloak.it.support;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Keycloak every IT talks to: either the process this run started, or an external one given by
 * {@value ItSettings#EXTERNAL_URL}.
 *
 * @param baseUrl     e.g. {@code http://127.0.0.1:41234}, no trailing slash
 * @param logFile     where the server writes stdout and stderr; empty for an external server
 * @param managementUrl the management interface ({@code /metrics}, {@code /health}); empty for an external server
 */
public record KeycloakServer(String baseUrl, Optional<Path> logFile, Optional<String> managementUrl) {

    public KeycloakServer(String baseUrl, Optional<Path> logFile) {
        this(baseUrl, logFile, Optional.empty());
    }

    public URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    public String realmUrl(String realm) {
        return baseUrl + "/realms/" + realm;
    }

    /** Appended to assertion messages so that a failing IT points at the server log. */
    public String logHint() {
        return logFile.map(path -> " (Keycloak log: " + path.toAbsolutePath() + ")").orElse("");
    }
}

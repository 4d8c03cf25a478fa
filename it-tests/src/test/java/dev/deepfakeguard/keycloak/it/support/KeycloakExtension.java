package dev.deepfakeguard.keycloak.it.support;

import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects {@link KeycloakServer} and {@link AdminClient} into IT constructors, lifecycle methods and tests.
 * The server is started on first use and kept in the root store, so every IT class of the run shares one process,
 * which JUnit closes when the run ends.
 */
public final class KeycloakExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            KeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == AdminClient.class || type == KeycloakRestarter.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KeycloakServer server = server(context);
        if (parameter.getParameter().getType() == KeycloakRestarter.class) {
            if (ItSettings.externalKeycloakUrl().isPresent()) {
                throw new org.opentest4j.TestAbortedException("an external Keycloak cannot be restarted by the tests");
            }
            KeycloakProcess process = context.getRoot().getStore(NAMESPACE).get(KeycloakProcess.class,
                    KeycloakProcess.class);
            return new KeycloakRestarter() {
                @Override
                public void restart() {
                    process.restart();
                }

                @Override
                public void kill() {
                    process.kill();
                }

                @Override
                public void restart(java.util.function.Consumer<java.nio.file.Path> whileDown) {
                    process.restart(whileDown);
                }

                @Override
                public void restartWith(java.util.List<String> serverOptions) {
                    process.restartWith(serverOptions);
                }
            };
        }
        if (parameter.getParameter().getType() == KeycloakServer.class) {
            return server;
        }
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(AdminClient.class,
                key -> new AdminClient(server), AdminClient.class);
    }

    static KeycloakServer server(ExtensionContext context) {
        Optional<String> external = ItSettings.externalKeycloakUrl();
        boolean faceModel = context.getTestClass().map(c -> c.isAnnotationPresent(WithFaceModel.class)).orElse(false);
        if (external.isPresent()) {
            if (faceModel) {
                throw new org.opentest4j.TestAbortedException("the face stories start Keycloak with a model of their "
                        + "own; an external Keycloak cannot be restarted with it");
            }
            return new KeycloakServer(external.get().replaceAll("/+$", ""), Optional.empty());
        }
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        java.util.List<String> options = faceModel ? FaceModel.serverOptions() : java.util.List.of();
        KeycloakProcess process = store.getOrComputeIfAbsent(KeycloakProcess.class,
                key -> KeycloakProcess.start(options), KeycloakProcess.class);
        if (process.ensureOptions(options)) {
            AdminClient admin = store.get(AdminClient.class, AdminClient.class);
            if (admin != null) {
                admin.forgetToken();
            }
        }
        return process.server();
    }
}

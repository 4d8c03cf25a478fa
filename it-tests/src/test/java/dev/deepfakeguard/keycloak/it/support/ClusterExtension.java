package dev.deepfakeguard.keycloak.it.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the two-node {@link KeycloakCluster}: started on first use, kept in the root store so that every cluster
 * story of the run shares it, stopped (and its database dropped) by JUnit when the run ends. Stories that do not
 * ask for it never start it.
 */
public final class ClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (ItSettings.externalKeycloakUrl().isPresent()) {
            throw new org.opentest4j.TestAbortedException("the cluster stories start their own two nodes");
        }
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KeycloakCluster.class,
                key -> KeycloakCluster.start(), KeycloakCluster.class);
    }
}

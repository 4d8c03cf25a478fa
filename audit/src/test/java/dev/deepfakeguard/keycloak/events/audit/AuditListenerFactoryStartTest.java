package dev.deepfakeguard.keycloak.events.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/** The chainer reads the audit tables, so it must wait for Keycloak's migration. */
class AuditListenerFactoryStartTest {

    private static final String CHAINER = "deepfake-guard-audit-chainer";

    private final List<ProviderEventListener> listeners = new ArrayList<>();
    private final AuditListenerFactory audit = new AuditListenerFactory();
    private final Set<Thread> before = Thread.getAllStackTraces().keySet();

    @BeforeEach
    void init() {
        audit.init(new MapScope(Map.of("nodeId", "node-a", "chainIntervalMillis", "100")));
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void startsNoChainerBeforeTheMigrationEvent() {
        audit.postInit(sessionFactory());
        publish(new ProviderEvent() {
        });

        assertThat(newChainerThreads()).isEmpty();
    }

    @Test
    void startsTheChainerOnceTheMigrationEventArrives() {
        audit.postInit(sessionFactory());
        publish(new PostMigrationEvent(sessionFactory()));

        assertThat(newChainerThreads()).containsExactly(CHAINER);
    }

    private void publish(ProviderEvent event) {
        listeners.forEach(listener -> listener.onEvent(event));
    }

    private Set<String> newChainerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> !before.contains(thread))
                .map(Thread::getName).filter(CHAINER::equals).collect(Collectors.toSet());
    }

    /** Records registered listeners; every other call answers null, so a chainer that runs early fails loudly. */
    private KeycloakSessionFactory sessionFactory() {
        return (KeycloakSessionFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeycloakSessionFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("register")) {
                        listeners.add((ProviderEventListener) args[0]);
                    }
                    return null;
                });
    }
}

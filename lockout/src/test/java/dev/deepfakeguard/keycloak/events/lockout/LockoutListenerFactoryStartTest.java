package dev.deepfakeguard.keycloak.events.lockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/** The background workers read the lockout tables, so they must wait for Keycloak's migration. */
class LockoutListenerFactoryStartTest {

    private static final Set<String> WORKERS = Set.of("deepfake-guard-lockout-alerts",
            "deepfake-guard-lockout-pending", "deepfake-guard-lockout-gauges");

    private final List<ProviderEventListener> listeners = new ArrayList<>();
    private final LockoutListenerFactory lockout = new LockoutListenerFactory();
    private final Set<Thread> before = Thread.getAllStackTraces().keySet();

    @AfterEach
    void close() {
        lockout.close();
    }

    @Test
    void startsNoWorkerBeforeTheMigrationEvent() {
        lockout.postInit(sessionFactory());
        publish(new ProviderEvent() {
        });

        assertThat(newWorkerThreads()).isEmpty();
    }

    @Test
    void startsEveryWorkerOnceTheMigrationEventArrives() {
        lockout.postInit(sessionFactory());
        publish(new PostMigrationEvent(sessionFactory()));

        assertThat(newWorkerThreads()).containsExactlyInAnyOrderElementsOf(WORKERS);
    }

    private void publish(ProviderEvent event) {
        listeners.forEach(listener -> listener.onEvent(event));
    }

    private Set<String> newWorkerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> !before.contains(thread))
                .map(Thread::getName).filter(WORKERS::contains).collect(Collectors.toSet());
    }

    /** Records registered listeners; every other call answers null, so a worker that runs early fails loudly. */
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

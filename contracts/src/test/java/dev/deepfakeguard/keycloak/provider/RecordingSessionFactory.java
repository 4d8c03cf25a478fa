package dev.deepfakeguard.keycloak.provider;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * A session factory that records the listeners registered with it and publishes events to them; every other call
 * answers null, so a worker that touches the database fails loudly. Also tells which worker threads appeared since
 * it was made, so a test can see whether a factory started its workers.
 */
public final class RecordingSessionFactory {

    private final List<ProviderEventListener> listeners = new ArrayList<>();
    private final Set<Thread> before = Thread.getAllStackTraces().keySet();
    private final KeycloakSessionFactory factory = (KeycloakSessionFactory) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {KeycloakSessionFactory.class}, (proxy, method, args) -> {
                if (method.getName().equals("register")) {
                    listeners.add((ProviderEventListener) args[0]);
                }
                return null;
            });

    public KeycloakSessionFactory factory() {
        return factory;
    }

    public void publish(ProviderEvent event) {
        listeners.forEach(listener -> listener.onEvent(event));
    }

    /** Names among {@code names} of the threads started since this factory was made. */
    public Set<String> newThreadsNamed(Set<String> names) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> !before.contains(thread))
                .map(Thread::getName).filter(names::contains).collect(Collectors.toSet());
    }
}

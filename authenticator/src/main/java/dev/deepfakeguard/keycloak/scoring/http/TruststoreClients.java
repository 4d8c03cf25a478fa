package dev.deepfakeguard.keycloak.scoring.http;

import okhttp3.OkHttpClient;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-factory cache of the client that trusts Keycloak's truststore. Building a trust manager parses every
 * certificate, too slow to repeat per login; Keycloak's truststore is fixed at boot, so one entry suffices, and a
 * different {@link KeyStore} instance simply replaces it. Reusing one client also lets pooled connections be reused,
 * because OkHttp only shares connections between clients with the same socket factory.
 */
final class TruststoreClients {

    private record Entry(KeyStore truststore, OkHttpClient client) {
    }

    private final OkHttpClient base;
    private final AtomicReference<Entry> cached = new AtomicReference<>();

    TruststoreClients(OkHttpClient base) {
        this.base = base;
    }

    /** @param truststore Keycloak's truststore, or {@code null} for the JVM default trust */
    OkHttpClient clientFor(KeyStore truststore) throws GeneralSecurityException {
        if (truststore == null) {
            return base;
        }
        Entry entry = cached.get();
        if (entry != null && entry.truststore() == truststore) {
            return entry.client();
        }
        // Two threads may both build on first use; the result is equivalent, the last one wins.
        OkHttpClient client = TruststoreTls.from(truststore).applyTo(base);
        cached.set(new Entry(truststore, client));
        return client;
    }
}

package dev.deepfakeguard.keycloak.scoring.http;

import okhttp3.OkHttpClient;

import java.security.GeneralSecurityException;

/**
 * Supplies the shared client, configured with Keycloak's truststore; the seam that lets tests pass their own client.
 */
@FunctionalInterface
interface HttpClientSource {

    /** @throws GeneralSecurityException when the truststore cannot be turned into a trust manager */
    OkHttpClient client() throws GeneralSecurityException;
}

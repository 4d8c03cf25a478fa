package dev.deepfakeguard.keycloak.scoring.http;

import okhttp3.OkHttpClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Arrays;

/**
 * TLS that trusts exactly what Keycloak's truststore ({@code --truststore-paths}) trusts. Hostname verification is
 * OkHttp's default and is never relaxed here.
 */
record TruststoreTls(SSLSocketFactory socketFactory, X509TrustManager trustManager) {

    static TruststoreTls from(KeyStore truststore) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(truststore);
        X509TrustManager trustManager = Arrays.stream(factory.getTrustManagers())
                .filter(X509TrustManager.class::isInstance)
                .map(X509TrustManager.class::cast)
                .findFirst()
                .orElseThrow(() -> new KeyStoreException("truststore yields no X509TrustManager"));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManager}, null);
        return new TruststoreTls(context.getSocketFactory(), trustManager);
    }

    /** A client sharing {@code base}'s pool and dispatcher, with this trust. */
    OkHttpClient applyTo(OkHttpClient base) {
        return base.newBuilder().sslSocketFactory(socketFactory, trustManager).build();
    }
}

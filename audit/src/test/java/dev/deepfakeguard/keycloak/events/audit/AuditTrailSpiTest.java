package dev.deepfakeguard.keycloak.events.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.provider.Spi;

/** Keycloak finds the trail as a provider of its own SPI, beside the unchanged listener. */
class AuditTrailSpiTest {

    @Test
    void declaresTheTrailSpiForTheTrailProvider() throws IOException {
        // Read as lines: the class path holds service files naming SPIs of modules this one does not see.
        assertThat(serviceLines(Spi.class)).contains(AuditTrailSpi.class.getName());
        Spi spi = new AuditTrailSpi();
        assertThat(spi.getName()).isEqualTo("deepfake-guard-audit-trail");
        assertThat(spi.getProviderClass()).isEqualTo(AuditTrail.class);
        assertThat(spi.getProviderFactoryClass()).isEqualTo(AuditTrailProviderFactory.class);
        assertThat(spi.isInternal()).isFalse();
    }

    @Test
    void registersOneTrailFactoryUnderTheListenersId() {
        assertThat(ServiceLoader.load(AuditTrailProviderFactory.class).stream().map(ServiceLoader.Provider::get))
                .singleElement().satisfies(factory -> {
                    assertThat(factory).isInstanceOf(NodeAuditTrailFactory.class);
                    assertThat(factory.getId()).isEqualTo(AuditListenerFactory.PROVIDER_ID);
                });
    }

    @Test
    void keepsTheListenerAndItsOptions() {
        assertThat(ServiceLoader.load(EventListenerProviderFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(factory -> factory.getId().equals("deepfake-guard-audit")).singleElement()
                .satisfies(factory -> assertThat(factory.getConfigMetadata()).extracting("name")
                        .contains("nodeId", "keystore", "chainIntervalMillis", "heartbeatMillis", "witnessDir"));
    }

    private static List<String> serviceLines(Class<?> service) throws IOException {
        List<String> lines = new ArrayList<>();
        Enumeration<URL> files = AuditTrailSpiTest.class.getClassLoader()
                .getResources("META-INF/services/" + service.getName());
        while (files.hasMoreElements()) {
            try (InputStream in = files.nextElement().openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).forEach(lines::add);
            }
        }
        return lines;
    }
}

package dev.deepfakeguard.keycloak.events.audit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every query of the audit tables is in {@link AuditStore}: no other class of the module writes JPQL or finds rows. */
class AuditStoreHomeTest {

    private static final Pattern QUERY = Pattern.compile("\\.(createQuery|createNativeQuery|find)\\(");

    @Test
    void noClassButTheStoreQueriesTheAuditTables() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> querying = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().equals("AuditStore.java"))
                    .filter(AuditStoreHomeTest::queries)
                    .map(file -> sources.relativize(file).toString()).toList();

            assertThat(querying).isEmpty();
        }
    }

    private static boolean queries(Path file) {
        try {
            return QUERY.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}

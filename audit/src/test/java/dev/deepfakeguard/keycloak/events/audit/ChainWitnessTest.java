package dev.deepfakeguard.keycloak.events.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainWitnessTest {

    private static final String HASH = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void keepsTheNewestWitnessedEnd() throws IOException {
        ChainWitness witness = new ChainWitness(dir.resolve("deepfake-guard-audit"), "kc-1");

        witness.write(new ChainWitness.Head("kc-1", "e-1", 7, HASH, "k-1"));
        witness.write(new ChainWitness.Head("kc-1", "e-1", 9, HASH, "k-1"));

        assertThat(witness.read()).contains(new ChainWitness.Head("kc-1", "e-1", 9, HASH, "k-1"));
        try (var files = Files.list(dir.resolve("deepfake-guard-audit"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kc-1.head");
        }
    }

    @Test
    void noWitnessYetOrAnUnreadableOneIsEmpty() throws IOException {
        ChainWitness witness = new ChainWitness(dir, "kc-1");
        assertThat(witness.read()).isEmpty();

        Files.writeString(witness.file(), "{\"node\":\"kc-1\"");

        assertThat(witness.read()).isEmpty();
    }
}

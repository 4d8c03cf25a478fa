package dev.deepfakeguard.keycloak.events.lockout;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The thresholds table in docs/lockout.md is the one the code defines, so the two cannot drift apart. */
class LockoutDocsTableTest {

    @Test
    void docsListEveryKeyWithItsTypeDefaultAndMeaning() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "lockout.md"));

        for (LockoutConfig.Key key : LockoutConfig.KEYS) {
            String defaultValue = key.defaultValue().equals("—") ? "—" : "`" + key.defaultValue() + "`";
            assertThat(docs).contains("| `" + key.name() + "` | " + key.type() + " | " + defaultValue + " | "
                    + key.meaning() + " |");
        }
    }
}

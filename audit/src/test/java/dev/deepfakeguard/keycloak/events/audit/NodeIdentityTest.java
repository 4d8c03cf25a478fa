package dev.deepfakeguard.keycloak.events.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {

    @TempDir
    Path data;

    @Test
    void twoInstallationsOnOneHostGetDifferentIds() {
        String first = NodeIdentity.resolve(Optional.of(data.resolve("a")), "kc-host", new SecureRandom());
        String second = NodeIdentity.resolve(Optional.of(data.resolve("b")), "kc-host", new SecureRandom());

        assertThat(first).startsWith("kc-host-").hasSize("kc-host-".length() + 8);
        assertThat(second).startsWith("kc-host-").isNotEqualTo(first);
    }

    @Test
    void aRestartKeepsTheId() {
        String first = NodeIdentity.resolve(Optional.of(data), "kc-host", new SecureRandom());

        assertThat(NodeIdentity.resolve(Optional.of(data), "kc-host", new SecureRandom())).isEqualTo(first);
        assertThat(NodeIdentity.resolve(Optional.of(data), "renamed-host", new SecureRandom())).isEqualTo(first);
    }

    @Test
    void anInstallationThatChainedUnderItsHostNameKeepsIt() throws IOException {
        Files.writeString(data.resolve("kc-host.head"), "{}");

        assertThat(NodeIdentity.resolve(Optional.of(data), "kc-host", new SecureRandom())).isEqualTo("kc-host");
        assertThat(Files.readString(data.resolve(NodeIdentity.FILE)).trim()).isEqualTo("kc-host");
    }

    @Test
    void withoutADataFolderTheHostName() {
        assertThat(NodeIdentity.resolve(Optional.empty(), "kc-host", new SecureRandom())).isEqualTo("kc-host");
    }

    @Test
    void aBrokenIdFileFallsBackToTheHostName() throws IOException {
        Files.writeString(data.resolve(NodeIdentity.FILE), "not an id!\n");

        assertThat(NodeIdentity.resolve(Optional.of(data), "kc-host", new SecureRandom())).isEqualTo("kc-host");
    }

    @Test
    void hostNamesAreReducedToIdCharacters() {
        assertThat(NodeIdentity.host("kc 1.example.org")).isEqualTo("kc-1.example.org");
        assertThat(NodeIdentity.host("")).isEqualTo("node");
    }
}

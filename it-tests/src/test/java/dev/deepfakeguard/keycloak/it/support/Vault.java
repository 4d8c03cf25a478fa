package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keycloak's file vault of the test server: {@code ${vault.<key>}} in realm {@code <realm>} reads the file
 * {@code <realm>_<key>} (underscores in either part doubled, Keycloak's default key resolver), at every use.
 */
public final class Vault {

    private Vault() {
    }

    /** Stores {@code secret} and returns the reference to configure, {@code ${vault.<key>}}. */
    public static String put(String realm, String key, String secret) {
        Path file = ItSettings.vaultDir().resolve(realm.replace("_", "__") + "_" + key.replace("_", "__"));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write vault entry " + file, e);
        }
        return "${vault." + key + "}";
    }
}

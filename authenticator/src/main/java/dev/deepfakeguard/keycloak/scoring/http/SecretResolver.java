package dev.deepfakeguard.keycloak.scoring.http;

import java.util.Optional;

/** Resolves a vault reference such as {@code ${vault.scorer_api_key}}; the seam between the scorer and the vault. */
@FunctionalInterface
interface SecretResolver {

    /** @return the secret, or empty when the vault has no such entry */
    Optional<String> resolve(String vaultReference);
}

package dev.deepfakeguard.keycloak.it.support;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person may see whatever they send: no server error, no stack trace, no class names. */
public final class UserSafe {

    private UserSafe() {
    }

    public static void assertUserSafe(Page page) {
        assertThat(page.status()).as("status of %s", page.uri()).isLessThan(500);
        assertThat(page.body()).as(page.describe())
                .doesNotContain("Exception")
                .doesNotContain("dev.deepfakeguard")
                .doesNotContainPattern("\\bat (org|java|jakarta|io)\\.[\\w.$]+\\(");
    }
}

package dev.deepfakeguard.keycloak.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskedChannelTest {

    @ParameterizedTest
    @CsvSource({
            "carol@demo.deepfake-guard.dev, c…@d….dev",
            "a@b.org, a…@b….org",
            "x@localhost, x…@l…",
            "@nobody.org, …",
            "nobody@, …",
            "plain, …"})
    void showsOnlyFirstLettersAndTheTopLevelDomain(String address, String masked) {
        assertThat(MaskedChannel.email(address).masked()).isEqualTo(masked);
    }
}

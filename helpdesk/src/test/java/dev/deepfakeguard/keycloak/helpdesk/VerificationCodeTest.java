package dev.deepfakeguard.keycloak.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class VerificationCodeTest {

    private static final String REQUEST = "5f1c7a2e-0000-4000-8000-000000000001";

    @Test
    void matchesTheCodeOfItsOwnRequestWithSpacesOrDashes() {
        String code = VerificationCode.generate();
        String hash = VerificationCode.hash(REQUEST, code);

        assertThat(code).hasSize(VerificationCode.DIGITS).containsOnlyDigits();
        assertThat(VerificationCode.matches(REQUEST, hash, code)).isTrue();
        assertThat(VerificationCode.matches(REQUEST, hash, code.substring(0, 3) + " " + code.substring(3))).isTrue();
        assertThat(VerificationCode.matches(REQUEST, hash, code.substring(0, 3) + "-" + code.substring(3))).isTrue();
    }

    @Test
    void deniesTheCodeOfAnotherRequest() {
        String code = VerificationCode.generate();
        String otherHash = VerificationCode.hash("5f1c7a2e-0000-4000-8000-000000000002", code);

        assertThat(VerificationCode.matches(REQUEST, otherHash, code)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12345", "1234567", "12345a", "１２３４５６"})
    void deniesMalformedEntries(String entered) {
        assertThat(VerificationCode.matches(REQUEST, VerificationCode.hash(REQUEST, "123456"), entered)).isFalse();
    }

    @Test
    void deniesWhenNoCodeWasIssued() {
        assertThat(VerificationCode.matches(REQUEST, null, "123456")).isFalse();
    }
}

package dev.deepfakeguard.keycloak.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubjectPseudonymsTest {

    private static final byte[] KEY_A = "realm-a-secret-32-bytes-long-abc".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY_B = "realm-b-secret-32-bytes-long-abc".getBytes(StandardCharsets.UTF_8);
    private static final String USER = "8d1f5c2e-0a4b-4c7e-9d6f-1b2a3c4d5e6f";

    @Test
    void sameUserSameKeyGivesTheSameSubject() {
        assertThat(SubjectPseudonyms.pseudonym(KEY_A, USER)).isEqualTo(SubjectPseudonyms.pseudonym(KEY_A, USER))
                .hasSize(43).doesNotContain(USER);
    }

    @Test
    @DisplayName("Given another realm's key, then the same user id gives an unrelated subject")
    void subjectsDependOnTheRealmKey() {
        assertThat(SubjectPseudonyms.pseudonym(KEY_A, USER)).isNotEqualTo(SubjectPseudonyms.pseudonym(KEY_B, USER));
    }

    @Test
    @DisplayName("Given a user id a vendor learnt elsewhere, then it cannot compute the subject without the key")
    void subjectIsNotAPlainHashOfTheUserId() throws Exception {
        String plain = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(USER.getBytes(StandardCharsets.UTF_8)));

        assertThat(SubjectPseudonyms.pseudonym(KEY_A, USER)).isNotEqualTo(plain);
    }

    @Test
    void theKeyComponentIdIsFixedPerRealm() {
        assertThat(SubjectPseudonyms.componentId("realm-1")).isEqualTo(SubjectPseudonyms.componentId("realm-1"))
                .isNotEqualTo(SubjectPseudonyms.componentId("realm-2")).hasSize(36);
    }
}

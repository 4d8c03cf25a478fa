package dev.deepfakeguard.keycloak.helpdesk.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.deepfakeguard.keycloak.helpdesk.MaskedChannel;

class EmailChannelTest {

    private final KeycloakSession session = mock(KeycloakSession.class);
    private final EmailSenderProvider sender = mock(EmailSenderProvider.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final UserModel user = mock(UserModel.class);
    private final EmailChannel channel = new EmailChannel(session);

    EmailChannelTest() {
        when(session.getProvider(EmailSenderProvider.class)).thenReturn(sender);
        when(realm.getName()).thenReturn("demo");
        when(realm.getSmtpConfig()).thenReturn(Map.of());
    }

    @Test
    void onlyAVerifiedAddressIsOnFile() {
        assertThat(channel.onFile(user)).isFalse();
        when(user.getEmail()).thenReturn("carol@example.com");
        assertThat(channel.onFile(user)).isFalse();
        when(user.isEmailVerified()).thenReturn(true);
        assertThat(channel.onFile(user)).isTrue();
        assertThat(channel.masked(user)).isEqualTo(MaskedChannel.email("carol@example.com"));
        assertThat(channel.id()).isEqualTo("email");
    }

    @Test
    void theLinkMailCarriesTheLinkTheTicketAndTheAgent() throws Exception {
        channel.sendLink(realm, user, new CallerLinkMessage("Alice Agent", "T-42", "https://kc/link", Duration.ofMinutes(10)));

        verify(sender).send(eq(Map.of()), eq(user), contains("demo"),
                and3("https://kc/link", "T-42", "Alice Agent"), isNull());
    }

    @Test
    void theNoticeFallsBackToTheDefaultContactAndAFailedSendIsAChannelException() throws Exception {
        doThrow(new EmailException("smtp down")).when(sender).send(any(), any(UserModel.class), anyString(), anyString(), isNull());

        assertThatThrownBy(() -> channel.sendNotice(realm, user, new ResetNoticeMessage("T-42", "")))
                .isInstanceOf(ChannelException.class).hasMessageContaining("smtp down");
    }

    private static String and3(String a, String b, String c) {
        return org.mockito.ArgumentMatchers.argThat(body -> body != null && body.contains(a) && body.contains(b)
                && body.contains(c));
    }
}

package dev.deepfakeguard.keycloak.helpdesk.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderFactory;

import dev.deepfakeguard.keycloak.helpdesk.HelpdeskRefusal;
import dev.deepfakeguard.keycloak.helpdesk.MaskedChannel;
import dev.deepfakeguard.keycloak.helpdesk.Refusal;

class HelpdeskChannelsTest {

    private final RealmModel realm = mock(RealmModel.class);
    private final UserModel user = mock(UserModel.class);
    private final ResetNoticeMessage notice = new ResetNoticeMessage("T-1", "");

    @Test
    void noticeGoesToEveryChannelOnFileAndToNoOther() throws Exception {
        HelpdeskChannel email = channel("email", true);
        HelpdeskChannel sms = channel("sms", true);
        HelpdeskChannel pager = channel("pager", false);

        String reached = new HelpdeskChannels(List.of(email, sms, pager)).notifyReset(realm, user, notice);

        assertThat(reached).isEqualTo("email,sms");
        verify(email).sendNotice(realm, user, notice);
        verify(sms).sendNotice(realm, user, notice);
        verify(pager, never()).sendNotice(any(), any(), any());
    }

    @Test
    void aChannelThatFailsDoesNotStopTheOthers() throws Exception {
        HelpdeskChannel email = channel("email", true);
        HelpdeskChannel sms = channel("sms", true);
        HelpdeskChannel push = channel("push", true);
        doThrow(new ChannelException("smtp down", null)).when(email).sendNotice(realm, user, notice);
        doThrow(new IllegalStateException("gateway bug")).when(sms).sendNotice(realm, user, notice);

        String reached = new HelpdeskChannels(List.of(email, sms, push)).notifyReset(realm, user, notice);

        assertThat(reached).isEqualTo("push");
        verify(push).sendNotice(realm, user, notice);
    }

    @Test
    void theLinkGoesToTheFirstChannelOnFileOnly() {
        HelpdeskChannel email = channel("email", false);
        HelpdeskChannel sms = channel("sms", true);

        assertThat(new HelpdeskChannels(List.of(email, sms)).forLink(user)).isSameAs(sms);
        assertThat(new HelpdeskChannels(List.of(channel("email", true), sms)).forLink(user).id()).isEqualTo("email");
    }

    @Test
    void aUserWithNoChannelOnFileIsRefusedWithTheAgentSafeError() {
        HelpdeskChannels channels = new HelpdeskChannels(List.of(channel("email", false), channel("sms", false)));

        assertThatThrownBy(() -> channels.forLink(user))
                .isInstanceOfSatisfying(HelpdeskRefusal.class, refusal -> {
                    assertThat(refusal.refusal()).isEqualTo(Refusal.NO_CHANNEL);
                    assertThat(refusal.refusal().error()).isEqualTo("no_channel");
                });
        assertThat(new HelpdeskChannels(List.of()).masked(user)).isEmpty();
        assertThatThrownBy(() -> new HelpdeskChannels(List.of()).forLink(user)).isInstanceOf(HelpdeskRefusal.class);
    }

    @Test
    void theAgentSeesOnlyChannelsOnFileMasked() {
        HelpdeskChannel email = channel("email", true);
        when(email.masked(user)).thenReturn(new MaskedChannel("email", "c…@e….com"));

        assertThat(new HelpdeskChannels(List.of(email, channel("sms", false))).masked(user))
                .containsExactly(new MaskedChannel("email", "c…@e….com"));
    }

    @Test
    void deployedChannelsAreTriedHighestOrderFirst() {
        KeycloakSession session = mock(KeycloakSession.class);
        KeycloakSessionFactory factories = mock(KeycloakSessionFactory.class);
        when(session.getKeycloakSessionFactory()).thenReturn(factories);
        ProviderFactory<?> smsFactory = factory("sms", 10);
        ProviderFactory<?> emailFactory = factory("email", 100);
        when(factories.getProviderFactoriesStream(HelpdeskChannel.class))
                .thenReturn(Stream.of(smsFactory, emailFactory));
        HelpdeskChannel email = channel("email", true);
        HelpdeskChannel sms = channel("sms", true);
        when(session.getProvider(HelpdeskChannel.class, "email")).thenReturn(email);
        when(session.getProvider(HelpdeskChannel.class, "sms")).thenReturn(sms);

        assertThat(HelpdeskChannels.of(session).forLink(user)).isSameAs(email);
    }

    private HelpdeskChannel channel(String id, boolean onFile) {
        HelpdeskChannel channel = mock(HelpdeskChannel.class);
        when(channel.id()).thenReturn(id);
        when(channel.onFile(user)).thenReturn(onFile);
        return channel;
    }

    private static ProviderFactory<?> factory(String id, int order) {
        ProviderFactory<?> factory = mock(ProviderFactory.class);
        when(factory.getId()).thenReturn(id);
        when(factory.order()).thenReturn(order);
        return factory;
    }
}

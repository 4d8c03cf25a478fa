package dev.deepfakeguard.keycloak.helpdesk.channel;

/** What the reset notice says: the ticket and whom to contact if the user did not ask (empty: the default text). */
public record ResetNoticeMessage(String ticket, String securityContact) {
}

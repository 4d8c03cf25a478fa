package dev.deepfakeguard.keycloak.helpdesk.channel;

import java.time.Duration;

/** What the caller link message says: who asked, for which ticket, the single-use link and how long it lives. */
public record CallerLinkMessage(String agentName, String ticket, String link, Duration ttl) {
}

package dev.deepfakeguard.keycloak.helpdesk;

/**
 * A channel on file as the agent sees it: enough to recognise it with the caller ("c…@e….com"), not enough to
 * learn it or to send to it.
 */
public record MaskedChannel(String type, String masked) {

    public static MaskedChannel email(String address) {
        int at = address.indexOf('@');
        if (at < 1 || at == address.length() - 1) {
            return new MaskedChannel(HelpdeskNames.CHANNEL_EMAIL, "…");
        }
        String domain = address.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot > 0 ? domain.substring(dot) : "";
        return new MaskedChannel(HelpdeskNames.CHANNEL_EMAIL,
                address.charAt(0) + "…@" + domain.charAt(0) + "…" + tld);
    }
}

package dev.deepfakeguard.keycloak.helpdesk;

import java.util.regex.Pattern;

/** The agent's ticket reference: shown to the caller and kept in the evidence, so short and plain. */
final class Ticket {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._#/:-]{0,63}");

    private Ticket() {
    }

    static String clean(String ticket) {
        String trimmed = ticket == null ? "" : ticket.strip();
        if (!ALLOWED.matcher(trimmed).matches()) {
            throw new HelpdeskRefusal(Refusal.INVALID_INPUT, "ticket reference missing or malformed");
        }
        return trimmed;
    }
}

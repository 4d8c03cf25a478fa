package dev.deepfakeguard.keycloak.helpdesk.caller;

/** Authentication-session notes of the caller's flow. */
final class CallerNotes {

    /** The helpdesk request the link belongs to; set only by the link's handler. */
    static final String REQUEST_ID = "dfg.helpdesk.request";

    private CallerNotes() {
    }
}

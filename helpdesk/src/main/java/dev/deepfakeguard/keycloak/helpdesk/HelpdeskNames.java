package dev.deepfakeguard.keycloak.helpdesk;

/** Names the realm configuration and the extension share: clients, roles, the caller's flow, the admin events. */
public final class HelpdeskNames {

    /** The agents' client (public, PKCE); holds the helpdesk roles and is the only client whose tokens count. */
    public static final String AGENT_CLIENT = "deepfake-guard-helpdesk";
    /** The client the caller's link starts a session for; its browser flow override is {@link #CALLER_FLOW}. */
    public static final String CALLER_CLIENT = "deepfake-guard-helpdesk-caller";
    public static final String CALLER_FLOW = "deepfake-guard helpdesk verification";
    public static final String VERIFIER_ROLE = "helpdesk-verifier";
    public static final String APPROVER_ROLE = "helpdesk-approver";
    /** Admin events: resource path prefix and details. */
    public static final String API_PATH = "deepfake-guard-helpdesk/";
    public static final String RESOURCE_PATH = API_PATH + "requests/";
    public static final String DETAIL_REFUSED = "dfg_helpdesk_refused";
    public static final String DETAIL_STATE = "dfg_helpdesk_state";
    public static final String DETAIL_TICKET = "dfg_helpdesk_ticket";
    public static final String DETAIL_USER = "dfg_helpdesk_user";
    public static final String DETAIL_CHANNEL = "dfg_helpdesk_channel";
    public static final String DETAIL_ACTOR = "dfg_helpdesk_actor";
    /** On the {@code reset_issued} event: {@code enrolled} when the caller's consented face reference was stored. */
    public static final String DETAIL_FACE = "dfg_helpdesk_face";
    public static final String FACE_ENROLLED = "enrolled";
    public static final String CHANNEL_EMAIL = "email";

    private HelpdeskNames() {
    }
}

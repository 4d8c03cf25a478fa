package dev.deepfakeguard.keycloak.helpdesk.store;

import dev.deepfakeguard.keycloak.helpdesk.HelpdeskState;

/** Moves a request to its next state, or refuses; keeps the open-request key in step with the state. */
public final class StateChange {

    private StateChange() {
    }

    public static String openKey(String realmId, String userId) {
        return realmId + ":" + userId;
    }

    public static HelpdeskState stateOf(RequestEntity request) {
        return HelpdeskState.of(request.getState());
    }

    /** Moves the request and returns true, or leaves it untouched and returns false when the move is not allowed. */
    public static boolean move(RequestEntity request, HelpdeskState next, long now) {
        if (!stateOf(request).canMoveTo(next)) {
            return false;
        }
        request.setState(next.value());
        request.setUpdatedAt(now);
        request.setOpenKey(next.isOpen() ? openKey(request.getRealmId(), request.getUserId()) : null);
        if (!next.isOpen()) {
            // The code and a consented face template live only while the request is open; an issued reset has
            // made the template a credential before this move.
            request.setCodeHash(null);
            request.setFaceTemplate(null);
        }
        return true;
    }

    /**
     * Expires an open request whose time is up, or an issued reset whose link ran out unused ({@code expiresAt} is
     * the reset link's end once the reset is issued); true when it did.
     */
    public static boolean expireIfDue(RequestEntity request, long now) {
        HelpdeskState state = stateOf(request);
        return (state.isOpen() || state == HelpdeskState.RESET_ISSUED) && now >= request.getExpiresAt()
                && move(request, HelpdeskState.EXPIRED, now);
    }
}

package dev.deepfakeguard.keycloak.helpdesk;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life of one helpdesk verification. Only the moves listed here exist; everything else is refused, so a replayed
 * link, a late code or a second approval cannot move a request anywhere it should not be.
 */
public enum HelpdeskState {
    REQUESTED,
    LINK_OPENED,
    LIVENESS_PASSED,
    LIVENESS_FAILED,
    CODE_CONFIRMED,
    CODE_FAILED,
    APPROVED,
    RESET_ISSUED,
    DONE,
    EXPIRED,
    REPORTED,
    CANCELLED;

    /** The value stored in the database and shown to the agent. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HelpdeskState of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Still waiting for the caller, the agent or an approver; counts as the user's one open request. */
    public boolean isOpen() {
        return OPEN.contains(this);
    }

    public boolean canMoveTo(HelpdeskState next) {
        return switch (this) {
            case REQUESTED -> EnumSet.of(LINK_OPENED, REPORTED, EXPIRED, CANCELLED).contains(next);
            case LINK_OPENED -> EnumSet.of(LIVENESS_PASSED, LIVENESS_FAILED, REPORTED, EXPIRED, CANCELLED)
                    .contains(next);
            case LIVENESS_PASSED -> EnumSet.of(CODE_CONFIRMED, CODE_FAILED, EXPIRED, CANCELLED).contains(next);
            case CODE_CONFIRMED -> EnumSet.of(APPROVED, RESET_ISSUED, EXPIRED, CANCELLED).contains(next);
            case APPROVED -> EnumSet.of(RESET_ISSUED, EXPIRED, CANCELLED).contains(next);
            case RESET_ISSUED -> next == DONE || next == EXPIRED;
            default -> false;
        };
    }

    private static final Set<HelpdeskState> OPEN = EnumSet.of(REQUESTED, LINK_OPENED, LIVENESS_PASSED,
            CODE_CONFIRMED, APPROVED);
}

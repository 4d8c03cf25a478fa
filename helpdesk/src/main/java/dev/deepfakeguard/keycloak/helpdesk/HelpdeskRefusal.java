package dev.deepfakeguard.keycloak.helpdesk;

/** A request the helpdesk refuses; the message is for the log only, the agent sees {@link Refusal#error()}. */
public final class HelpdeskRefusal extends RuntimeException {

    private final Refusal refusal;

    public HelpdeskRefusal(Refusal refusal, String why) {
        super(why, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}

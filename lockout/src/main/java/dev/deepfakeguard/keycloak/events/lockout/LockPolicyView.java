package dev.deepfakeguard.keycloak.events.lockout;

/** The policy's window rule for callers outside this package (the admin API shows the same count it applies). */
public final class LockPolicyView {

    private LockPolicyView() {
    }

    public static long countSince(LockoutConfig config, long countFrom, long lockedUntil, long now) {
        return LockPolicy.countSince(config, countFrom, lockedUntil, now);
    }
}

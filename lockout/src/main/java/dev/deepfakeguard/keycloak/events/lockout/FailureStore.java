package dev.deepfakeguard.keycloak.events.lockout;

import java.util.List;

/** Counts one failure in one transaction of its own. */
@FunctionalInterface
interface FailureStore {

    /**
     * @return the locks this failure set (and enforced, with their alerts queued), all committed
     * @throws RuntimeException when the transaction did not commit: nothing of it was stored
     */
    List<LockDecision> count(LockoutFailure failure);
}

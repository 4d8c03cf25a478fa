package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Failures this node could not count yet (the database refused, timed out or had no connection free), oldest first,
 * until {@link PendingFailureWorker} has counted them. While a user has one here, every Deepfake Guard step on this
 * node refuses that user: a failure that is not counted yet must not become an attempt the lock never sees.
 * Bounded, so that an outage cannot exhaust the heap; owned by the listener's factory (no static state).
 */
final class PendingFailures {

    private final int capacity;
    private final Deque<LockoutFailure> queue = new ArrayDeque<>();
    private final Map<String, Integer> perUser = new HashMap<>();

    PendingFailures(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** @return false when full: the failure is not kept */
    synchronized boolean offer(LockoutFailure failure) {
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(failure);
        failure.user().ifPresent(user -> perUser.merge(user.id(), 1, Integer::sum));
        return true;
    }

    synchronized Optional<LockoutFailure> oldest() {
        return Optional.ofNullable(queue.peekFirst());
    }

    /** Removes {@code failure} if it is still the oldest (the worker counted it). */
    synchronized void countedOldest(LockoutFailure failure) {
        if (queue.peekFirst() == failure) {
            queue.removeFirst();
            failure.user().ifPresent(this::forget);
        }
    }

    synchronized boolean holdsUser(String realmId, String userId) {
        return userId != null && perUser.containsKey(SubjectKey.user(realmId, userId).id());
    }

    synchronized int size() {
        return queue.size();
    }

    /** Empties the queue and returns what was in it (at shutdown: what could not be counted). */
    synchronized List<LockoutFailure> drain() {
        List<LockoutFailure> all = new ArrayList<>(queue);
        queue.clear();
        perUser.clear();
        return all;
    }

    private void forget(SubjectKey user) {
        perUser.computeIfPresent(user.id(), (id, count) -> count > 1 ? count - 1 : null);
    }
}

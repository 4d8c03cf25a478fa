package dev.deepfakeguard.keycloak.events.lockout;

import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets one thread of this node at a time count for a subject, and makes the others wait here, before they take a
 * database connection. Concurrent failures of one subject are counted one after another anyway (its row is locked
 * for update); waiting for that row lock inside a transaction would hold a pooled connection each, and a burst of
 * failures of one user would hold the whole pool while Keycloak's own requests wait for a connection. Across nodes
 * the row lock still orders them.
 *
 * <p>Subjects share a fixed number of stripes by hash; a failure takes the stripes of its user and its source in index
 * order, so two failures never wait for each other crosswise.
 */
final class SubjectStripes {

    /** The stripes stayed taken longer than the wait: the caller backs off and tries again, or defers. */
    static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private final ReentrantLock[] stripes;
    private final Duration wait;

    SubjectStripes(int count, Duration wait) {
        this.stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock(true);
        }
        this.wait = wait;
    }

    /** Runs {@code work} holding the stripes of {@code keys}; throws {@link Busy} when one stays taken too long. */
    <T> T run(List<SubjectKey> keys, Supplier<T> work) {
        TreeSet<Integer> indexes = new TreeSet<>();
        keys.forEach(key -> indexes.add(Math.floorMod(key.id().hashCode(), stripes.length)));
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (int index : indexes) {
                ReentrantLock stripe = stripes[index];
                if (!stripe.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new Busy("another failure of the same subject is being counted on this node");
                }
                held.add(stripe);
            }
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("interrupted while waiting to count");
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }
}

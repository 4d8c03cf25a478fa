package dev.deepfakeguard.keycloak.events.lockout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets one thread of this node at a time do the work for a key (a lockout subject, a realm's rate window), and makes
 * the others wait here, before they take a database connection. Such work locks the key's row for update, so
 * concurrent work on one key runs one after another anyway; waiting for that row lock inside a transaction would hold
 * a pooled connection each, and a burst on one key (failures of one user, suspected deepfakes in one realm) would hold
 * the whole pool while Keycloak's own requests wait for a connection. Across nodes the row lock still orders them.
 *
 * <p>Keys share a fixed number of fair locks by hash; work on several keys takes their locks in index order, so two
 * callers never wait for each other crosswise.
 */
public final class KeyStripes {

    /** The locks stayed taken longer than the wait: the caller backs off and tries again, or gives up. */
    public static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private final ReentrantLock[] stripes;

    public KeyStripes(int count) {
        this.stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /**
     * Runs {@code work} holding the locks of {@code keys}; throws {@link Busy} when one stays taken longer than
     * {@code wait}.
     */
    public <T> T run(Collection<String> keys, Duration wait, Supplier<T> work) {
        TreeSet<Integer> indexes = new TreeSet<>();
        keys.forEach(key -> indexes.add(Math.floorMod(key.hashCode(), stripes.length)));
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (int index : indexes) {
                ReentrantLock stripe = stripes[index];
                if (!stripe.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new Busy("other work on the same key is running on this node");
                }
                held.add(stripe);
            }
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("interrupted while waiting for the key");
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }
}

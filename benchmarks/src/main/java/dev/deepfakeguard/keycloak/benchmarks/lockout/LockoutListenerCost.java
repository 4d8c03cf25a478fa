package dev.deepfakeguard.keycloak.benchmarks.lockout;

import dev.deepfakeguard.keycloak.events.lockout.FailureCounter;
import dev.deepfakeguard.keycloak.events.lockout.LockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.NewTransaction;
import dev.deepfakeguard.keycloak.events.lockout.store.FailureEntity;
import dev.deepfakeguard.keycloak.events.lockout.store.LockEntity;
import dev.deepfakeguard.keycloak.events.lockout.store.OutboxEntity;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectEntity;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Load driver: the lockout listener's storage work for one failure event, as it runs on the request thread – one
 * transaction with the subject row lock, the failure insert, the window count (and the lock history count and lock
 * when the threshold is reached), commit – against a real database through Hibernate, with the listener's own
 * entities and named queries. Prints median, p90, p99 and max per event.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.deepfakeguard.keycloak.benchmarks.lockout.LockoutListenerCost
 *      [h2|postgres] [events]</pre>
 */
public final class LockoutListenerCost {

    private static final int USERS = 1000;
    private static final int WARM_UP = 5000;

    private LockoutListenerCost() {
    }

    public static void main(String[] args) {
        String database = args.length > 0 ? args[0] : "h2";
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        try (EntityManagerFactory emf = factory(database)) {
            LockoutConfig config = LockoutConfig.defaults();
            NewTransaction newTransaction = work -> inTransaction(emf, work);
            run(emf, config, newTransaction, WARM_UP, "warm");
            long[] nanos = run(emf, config, newTransaction, events, "run");
            report(database, nanos);
        }
    }

    private static long[] run(EntityManagerFactory emf, LockoutConfig config, NewTransaction newTransaction,
                              int events, String prefix) {
        long[] nanos = new long[events];
        long now = System.currentTimeMillis();
        for (int i = 0; i < events; i++) {
            SubjectKey key = SubjectKey.user("bench-realm", prefix + "-user-" + (i % USERS));
            long eventTime = now + i;
            long start = System.nanoTime();
            Consumer<LockoutStore> count = store -> new FailureCounter(store)
                    .recordFailure(config, key, "liveness_failed", eventTime);
            try {
                inTransaction(emf, count);
            } catch (FailureCounter.SubjectMissing missing) {
                FailureCounter.create(newTransaction, key, eventTime);
                inTransaction(emf, count);
            }
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void inTransaction(EntityManagerFactory emf, Consumer<LockoutStore> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(new LockoutStore(em));
            em.getTransaction().commit();
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    private static EntityManagerFactory factory(String database) {
        PersistenceConfiguration configuration = new PersistenceConfiguration("dfg-lockout-bench");
        // The entities LockoutEntityProviderFactory registers with Keycloak.
        java.util.List.of(SubjectEntity.class, FailureEntity.class, LockEntity.class, OutboxEntity.class)
                .forEach(configuration::managedClass);
        Map<String, String> jdbc = "postgres".equals(database)
                ? Map.of("url", "jdbc:postgresql://127.0.0.1:5432/test", "user", "postgres", "password", "")
                : Map.of("url", "jdbc:h2:mem:dfg;DB_CLOSE_DELAY=-1", "user", "sa", "password", "");
        configuration.property(PersistenceConfiguration.JDBC_URL, jdbc.get("url"))
                .property(PersistenceConfiguration.JDBC_USER, jdbc.get("user"))
                .property(PersistenceConfiguration.JDBC_PASSWORD, jdbc.get("password"))
                .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "drop-and-create")
                // Keycloak's default pool keeps connections open; so does this one.
                .property("hibernate.connection.pool_size", "4")
                .property("hibernate.show_sql", "false");
        return configuration.createEntityManagerFactory();
    }

    private static void report(String database, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "lockout listener storage cost per failure event, %s, %d events, %d users%n",
                database, sorted.length, USERS);
        System.out.printf(Locale.ROOT, "median %.0f µs, p90 %.0f µs, p99 %.0f µs, max %.0f µs%n",
                micros(sorted, 0.50), micros(sorted, 0.90), micros(sorted, 0.99), sorted[sorted.length - 1] / 1e3);
    }

    private static double micros(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1e3;
    }
}

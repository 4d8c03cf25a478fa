package dev.deepfakeguard.keycloak.events.lockout.store;

import java.util.function.Consumer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;

/** The lockout tables in an in-memory H2 database through Hibernate, for tests that need a real database. */
public final class LockoutTestDatabase {

    private LockoutTestDatabase() {
    }

    /** A fresh database named {@code name}, with a pool large enough for concurrent transactions. */
    public static EntityManagerFactory h2(String name) {
        PersistenceConfiguration configuration = new PersistenceConfiguration(name);
        LockoutEntityProviderFactory.entities().forEach(configuration::managedClass);
        return configuration.property(PersistenceConfiguration.JDBC_URL,
                        "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
                .property(PersistenceConfiguration.JDBC_USER, "sa")
                .property(PersistenceConfiguration.JDBC_PASSWORD, "")
                .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "drop-and-create")
                .property("hibernate.connection.pool_size", "10")
                .createEntityManagerFactory();
    }

    /** Runs {@code work} in a transaction of its own that commits, or rolls back when the work fails. */
    public static void inTransaction(EntityManagerFactory emf, Consumer<EntityManager> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }
}

package dev.deepfakeguard.keycloak.events.lockout.store;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lock read on a request's own connection (H2 through Hibernate): the request's persistence context may hold an
 * older copy of the subject, and the read must still see the lock another transaction committed since.
 */
class LockedUntilReadTest {

    private static EntityManagerFactory emf;

    @BeforeAll
    static void database() {
        emf = LockoutTestDatabase.h2("dfg-locked-until-test");
    }

    @AfterAll
    static void close() {
        emf.close();
    }

    @Test
    void seesALockCommittedAfterThisSessionLoadedTheSubject() {
        SubjectKey key = SubjectKey.user("realm-1", "user-1");
        inTransaction(em -> new LockoutStore(em).createSubject(key, 1_000L));

        EntityManager request = emf.createEntityManager();
        try {
            request.getTransaction().begin();
            LockoutStore store = new LockoutStore(request);
            assertThat(store.subject(key)).get().extracting(SubjectEntity::getLockedUntil).isEqualTo(0L);
            assertThat(store.lockedUntil(key)).contains(0L);

            inTransaction(em -> {
                LockoutStore other = new LockoutStore(em);
                SubjectEntity subject = other.subject(key).orElseThrow();
                subject.setLockedUntil(90_000L);
            });

            assertThat(store.lockedUntil(key)).contains(90_000L);
            assertThat(store.lockedUntil(SubjectKey.user("realm-1", "nobody"))).isEmpty();
        } finally {
            request.getTransaction().rollback();
            request.close();
        }
    }

    private static void inTransaction(java.util.function.Consumer<EntityManager> work) {
        LockoutTestDatabase.inTransaction(emf, work);
    }
}

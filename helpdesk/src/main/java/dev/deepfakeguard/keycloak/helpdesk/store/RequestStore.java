package dev.deepfakeguard.keycloak.helpdesk.store;

import dev.deepfakeguard.keycloak.helpdesk.HelpdeskState;
import dev.deepfakeguard.keycloak.helpdesk.RateLimits;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import java.util.Optional;
import java.util.UUID;

/** The requests of one Keycloak session's transaction. Reads for a change take a row lock (cluster-safe). */
public final class RequestStore {

    private final EntityManager em;

    public RequestStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public RateLimits.Counts counts(String realmId, String userId, String agentId, long now) {
        return new RateLimits.Counts(
                em.createNamedQuery("dfgHelpdeskCountOpenForUser", Long.class)
                        .setParameter("openKey", StateChange.openKey(realmId, userId)).getSingleResult(),
                em.createNamedQuery("dfgHelpdeskCountForUser", Long.class).setParameter("realmId", realmId)
                        .setParameter("userId", userId)
                        .setParameter("since", now - RateLimits.USER_WINDOW.toMillis()).getSingleResult(),
                em.createNamedQuery("dfgHelpdeskCountForAgent", Long.class).setParameter("realmId", realmId)
                        .setParameter("agentId", agentId)
                        .setParameter("since", now - RateLimits.AGENT_WINDOW.toMillis()).getSingleResult(),
                em.createNamedQuery("dfgHelpdeskCountReportedForAgent", Long.class).setParameter("realmId", realmId)
                        .setParameter("agentId", agentId).setParameter("state", HelpdeskState.REPORTED.value())
                        .setParameter("since", now - RateLimits.REPORTED_WINDOW.toMillis()).getSingleResult());
    }

    /** Inserts and flushes, so a second open request for the same user fails here on the unique key. */
    public RequestEntity insert(String realmId, String userId, String agentId, String ticket, boolean privileged,
                                long now, long expiresAt) {
        RequestEntity request = new RequestEntity();
        request.setId(UUID.randomUUID().toString());
        request.setRealmId(realmId);
        request.setUserId(userId);
        request.setAgentId(agentId);
        request.setTicket(ticket);
        request.setState(HelpdeskState.REQUESTED.value());
        request.setOpenKey(StateChange.openKey(realmId, userId));
        request.setPrivileged(privileged);
        request.setCreatedAt(now);
        request.setUpdatedAt(now);
        request.setExpiresAt(expiresAt);
        em.persist(request);
        em.flush();
        return request;
    }

    /** The request of this realm, locked for a change; empty for an unknown id or another realm's request. */
    public Optional<RequestEntity> lock(String realmId, String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        RequestEntity request = em.find(RequestEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        return request == null || !request.getRealmId().equals(realmId) ? Optional.empty() : Optional.of(request);
    }

    /** The user's open request, locked for a change. */
    public Optional<RequestEntity> lockOpenFor(String realmId, String userId) {
        return em.createNamedQuery("dfgHelpdeskOpenForUser", RequestEntity.class)
                .setParameter("openKey", StateChange.openKey(realmId, userId))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    /** The user's requests in {@code state}, locked for a change. */
    public java.util.List<RequestEntity> lockInState(String realmId, String userId, HelpdeskState state) {
        return em.createNamedQuery("dfgHelpdeskOfUserInState", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).setParameter("state", state.value())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** The user's requests whose reset still waits for a new authenticator app, locked for a change. */
    public java.util.List<RequestEntity> lockReenrolPending(String realmId, String userId) {
        return em.createNamedQuery("dfgHelpdeskReenrolPending", RequestEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    public void deleteRealm(String realmId) {
        em.createNamedQuery("dfgHelpdeskDeleteOfRealm").setParameter("realmId", realmId).executeUpdate();
    }
}

package dev.deepfakeguard.keycloak.events.audit;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.ExportFormat;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditPersonalEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditRecordEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * Writes captured records, unchained, in the transaction of the session that saw the event: the audited request's
 * own transaction for successes, the separate transaction Keycloak opens for error events. Nothing here does I/O
 * beyond the JPA persist, which the transaction flushes at commit; hashing and signing happen later, off the
 * request thread. A per-node counter orders records captured in the same millisecond; it needs no cluster-wide
 * coordination because each node chains only its own records.
 */
final class AuditCapture {

    /** Stable text to alert on in the log. */
    static final String ALERT = "DFG-AUDIT-ALERT";
    private static final Logger LOG = Logger.getLogger(AuditCapture.class);

    private final String node;
    private final boolean required;
    private final KeycloakSessionFactory sessionFactory;
    private final AtomicLong captureSeq = new AtomicLong();
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    /** Set when this process may not use its node id (another live process holds it); never cleared. */
    private volatile boolean off;

    AuditCapture(String node, boolean required, KeycloakSessionFactory sessionFactory) {
        this.node = node;
        this.required = required;
        this.sessionFactory = sessionFactory;
    }

    void capture(KeycloakSession session, Supplier<CapturedRecord> record) {
        if (off) {
            skipped(session);
            return;
        }
        try {
            persist(new AuditStore(session.getProvider(JpaConnectionProvider.class).getEntityManager()), record.get());
            captured.incrementAndGet();
        } catch (RuntimeException e) {
            failed(session, e);
        }
    }

    /** Persists one record; the caller's transaction decides whether it ever becomes visible. */
    void persist(AuditStore store, CapturedRecord record) {
        AuditRecordEntity entity = new AuditRecordEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setNode(node);
        entity.setCapturedAt(record.time());
        entity.setCaptureSeq(captureSeq.incrementAndGet());
        entity.setRealmId(record.realmId());
        entity.setBody(CanonicalJson.write(record.body()));
        store.add(entity);
        if (record.personal() != null) {
            AuditPersonalEntity personal = new AuditPersonalEntity();
            personal.setRecordId(entity.getId());
            personal.setUserId(record.userId());
            personal.setPersonalJson(CanonicalJson.write(record.personal()));
            store.add(personal);
        }
    }

    private void failed(KeycloakSession session, RuntimeException e) {
        failures.incrementAndGet();
        if (required) {
            // Fail closed: the audited action must not commit without its record.
            LOG.errorf("%s audit capture failed, audit is required, rolling the action back: %s", ALERT, e.toString());
            session.getTransactionManager().setRollbackOnly();
            return;
        }
        LOG.errorf("%s audit capture failed, the action proceeds without its record: %s", ALERT, e.toString());
        recordFailure(e);
    }

    /** Switches capture off for good: the node id belongs to another process (logged by the caller). */
    void switchOff() {
        off = true;
    }

    private void skipped(KeycloakSession session) {
        skipped.incrementAndGet();
        if (required) {
            LOG.errorf("%s the audit listener of this node is off (its node id is refused) and audit is required: "
                    + "rolling the action back", ALERT);
            session.getTransactionManager().setRollbackOnly();
        }
    }

    /** Puts the failure itself into the chain, in its own transaction, so the missing record leaves a trace. */
    private void recordFailure(RuntimeException cause) {
        try {
            Map<String, Object> body = new TreeMap<>();
            body.put("type", ExportFormat.TYPE_CAPTURE_FAILURE);
            body.put("time", System.currentTimeMillis());
            body.put("reason", cause.getClass().getSimpleName());
            KeycloakModelUtils.runJobInTransaction(sessionFactory, s -> persist(
                    new AuditStore(s.getProvider(JpaConnectionProvider.class).getEntityManager()),
                    new CapturedRecord(null, null, System.currentTimeMillis(), body, null)));
        } catch (RuntimeException e) {
            LOG.errorf("%s could not record the capture failure either: %s", ALERT, e.toString());
        }
    }

    long captured() {
        return captured.get();
    }

    long failures() {
        return failures.get();
    }

    /** Records not captured because the listener is off. */
    long skipped() {
        return skipped.get();
    }
}

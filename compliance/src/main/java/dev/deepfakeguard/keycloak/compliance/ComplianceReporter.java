package dev.deepfakeguard.keycloak.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.deepfakeguard.keycloak.compliance.ComplianceReport.Audit;
import dev.deepfakeguard.keycloak.compliance.ComplianceReport.Flag;
import dev.deepfakeguard.keycloak.events.audit.AuditPosture;
import dev.deepfakeguard.keycloak.events.audit.AuditTrail;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;
import dev.deepfakeguard.keycloak.events.lockout.LockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.LockoutListenerFactory;
import dev.deepfakeguard.keycloak.events.lockout.RealmLockoutConfig;

/** Puts the report of one realm together from the flows, the theme, the lockout settings and the audit trail. */
final class ComplianceReporter {

    static final String MEDIA_RETENTION = "none: camera frames are analysed in memory and never stored";
    static final String FACE_REFERENCES = "not used: decisions compare no enrolled face reference, so there is no "
            + "enrolment to cover";
    /** More than this many heartbeats without a signed checkpoint: the trail is not signed up to now. */
    private static final int STALE_HEARTBEATS = 3;

    private final KeycloakSession session;
    private final RealmModel realm;

    ComplianceReporter(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    ComplianceReport report() {
        List<Flag> flags = new ArrayList<>();
        AuditStore store = new AuditStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
        FlowScan flows = new FlowScan(session, realm, ScorerVersions.read(store, realm.getId())).run();
        flags.addAll(flows.flags());
        LocaleScan locales = new LocaleScan(session, realm).run();
        flags.addAll(locales.flags());
        boolean lockoutOn = realm.getEventsListenersStream().anyMatch(LockoutListenerFactory.PROVIDER_ID::equals);
        if (!lockoutOn) {
            flags.add(Flag.warning("lockout_off", "lockout", "The lockout listener is not enabled in this realm "
                    + "(Realm settings → Events → Event listeners): repeated failures lock nobody."));
        }
        Map<String, String> lockout = RealmLockoutConfig.of(realm).toAttributes();
        lockout.computeIfPresent(LockoutConfig.WEBHOOK_SECRET.attribute(),
                (key, value) -> value.startsWith("${vault.") || value.isEmpty() ? value : "**********");
        Audit audit = audit(store, flags);
        return new ComplianceReport(realm.getName(), System.currentTimeMillis(), flows.steps(), locales.texts(),
                locales.livenessPage(), MEDIA_RETENTION, FACE_REFERENCES, lockoutOn, lockout, audit, flags);
    }

    private Audit audit(AuditStore store, List<Flag> flags) {
        AuditTrail trail = session.getProvider(AuditTrail.class);
        if (trail == null) {
            flags.add(Flag.error("audit_off", "audit", "The audit listener is not installed: nothing is recorded."));
            return null;
        }
        AuditPosture posture = trail.posture();
        Long last = store.lastCheckpointAt(posture.node()).orElse(null);
        boolean stale = posture.unsignedTailMillis() > STALE_HEARTBEATS * posture.heartbeatMillis();
        if (posture.developmentKey()) {
            flags.add(Flag.error("audit_development_key", "audit", "Checkpoints are signed with a development key "
                    + "generated at start: anyone with database access can forge them. Configure a keystore."));
        }
        if (stale) {
            flags.add(Flag.error("audit_unsigned_tail", "audit", "No chaining round succeeded for "
                    + posture.unsignedTailMillis() / 1000 + " s: recent records are not signed."));
        }
        if (posture.captureFailures() > 0 || posture.chainFailures() > 0) {
            flags.add(Flag.warning("audit_failures", "audit", posture.captureFailures() + " capture and "
                    + posture.chainFailures() + " chaining failures since start; see DFG-AUDIT-ALERT in the log."));
        }
        return new Audit(posture.node(), posture.keyId(), posture.developmentKey(), last,
                posture.unsignedTailMillis() / 1000, posture.captureFailures(), posture.chainFailures(),
                stale || posture.captureFailures() > 0 || posture.chainFailures() > 0 ? "degraded" : "signed");
    }
}

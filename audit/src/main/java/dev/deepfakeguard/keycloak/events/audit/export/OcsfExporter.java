package dev.deepfakeguard.keycloak.events.audit.export;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditPersonalEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditRecordEntity;

/**
 * Writes one realm's records captured in a window as OCSF events, one JSON object per line, oldest first. Reads the
 * records a page at a time (keyset paging on capture time and id) and detaches each page once written, so memory
 * stays the same whatever the size of the window. For SIEMs: the signed JSON Lines export is the evidence; this one
 * carries each record's chain hash so a SIEM entry can be matched with it.
 */
final class OcsfExporter {

    static final int PAGE = 500;
    private static final Logger LOG = Logger.getLogger(OcsfExporter.class);

    private final EntityManager em;

    OcsfExporter(EntityManager em) {
        this.em = em;
    }

    /** @return the number of events written */
    long export(String realmId, String realmName, ExportWindow window, Writer out) throws IOException {
        long written = 0;
        long afterTime = Long.MIN_VALUE;
        String afterId = "";
        while (true) {
            // A range on (realm, capture time) the index can seek to; the OR only drops the rows of the last page's
            // final millisecond that were already written.
            List<AuditRecordEntity> page = em.createQuery("select r from AuditRecordEntity r where r.realmId = :realm"
                            + " and r.capturedAt >= :start and r.capturedAt < :to and (r.capturedAt > :afterTime or"
                            + " r.id > :afterId) order by r.capturedAt, r.id", AuditRecordEntity.class)
                    .setParameter("realm", realmId).setParameter("start", Math.max(window.from(), afterTime))
                    .setParameter("to", window.to()).setParameter("afterTime", afterTime)
                    .setParameter("afterId", afterId).setMaxResults(PAGE).getResultList();
            if (page.isEmpty()) {
                return written;
            }
            Map<String, Map<String, Object>> personal = personal(page);
            for (AuditRecordEntity row : page) {
                Optional<Map<String, Object>> event = body(row).flatMap(body -> OcsfMapper.map(body,
                        personal.getOrDefault(row.getId(), Map.of()), realmName, new OcsfMapper.Position(
                                row.getNode(), row.getChainEpoch(), row.getChainSeq(), row.getHash())));
                if (event.isPresent()) {
                    out.write(CanonicalJson.write(event.get()));
                    out.write('\n');
                    written++;
                }
                em.detach(row);
            }
            AuditRecordEntity last = page.get(page.size() - 1);
            afterTime = last.getCapturedAt();
            afterId = last.getId();
        }
    }

    private Map<String, Map<String, Object>> personal(List<AuditRecordEntity> page) {
        Map<String, Map<String, Object>> parts = new HashMap<>();
        List<AuditPersonalEntity> found = em.createQuery("select p from AuditPersonalEntity p where p.recordId in :ids",
                        AuditPersonalEntity.class)
                .setParameter("ids", page.stream().map(AuditRecordEntity::getId).toList()).getResultList();
        for (AuditPersonalEntity part : found) {
            try {
                parts.put(part.getRecordId(), Json.parseObject(part.getPersonalJson()));
            } catch (JsonSyntaxException e) {
                LOG.warnf("audit personal part of record %s is not JSON; exported without it", part.getRecordId());
            }
            em.detach(part);
        }
        return parts;
    }

    private static Optional<Map<String, Object>> body(AuditRecordEntity row) {
        try {
            return Optional.of(Json.parseObject(row.getBody()));
        } catch (JsonSyntaxException e) {
            LOG.warnf("audit record %s has an unreadable body; left out of the OCSF export (the JSON Lines export "
                    + "shows it)", row.getId());
            return Optional.empty();
        }
    }
}

package dev.deepfakeguard.keycloak.events.audit.export;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.persistence.EntityManager;

import dev.deepfakeguard.keycloak.audit.chain.ExportWriter;
import dev.deepfakeguard.keycloak.audit.format.Checkpoint;
import dev.deepfakeguard.keycloak.audit.format.ManifestKey;
import dev.deepfakeguard.keycloak.audit.format.AuditKeys;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditCheckpointEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditKeyEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditPersonalEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditRecordEntity;

/**
 * Writes the export of one realm: the checkpoints created in the time range, with every record they cover (other
 * realms' records elided to their chain position and hash), the key manifest, and the realm's records still
 * pending. Whole checkpoints only, so each exported chain segment can be verified on its own.
 */
final class AuditExporter {

    private final EntityManager em;

    AuditExporter(EntityManager em) {
        this.em = em;
    }

    void export(String realmId, String realmName, long from, long to, long heartbeatMillis, Writer out)
            throws IOException {
        ExportWriter writer = new ExportWriter(out);
        writer.header(realmName, from, to, System.currentTimeMillis(), heartbeatMillis);
        writer.manifest(em.createQuery("select k from AuditKeyEntity k order by k.firstUsed", AuditKeyEntity.class)
                .getResultList().stream()
                .map(k -> new ManifestKey(k.getKeyId(), k.getAlgorithm(),
                        AuditKeys.publicKey(k.getAlgorithm(), k.getPublicKey()), k.getFirstUsed(), k.getNode()))
                .toList());
        List<AuditCheckpointEntity> checkpoints = em.createQuery("select c from AuditCheckpointEntity c where "
                        + "c.createdAt >= :from and c.createdAt < :to order by c.node, c.epoch, c.throughSeq",
                        AuditCheckpointEntity.class)
                .setParameter("from", from).setParameter("to", to).getResultList();
        Map<String, Long> exportedThrough = new HashMap<>();
        for (AuditCheckpointEntity c : checkpoints) {
            String chain = c.getNode() + "\u0000" + c.getEpoch();
            long after = exportedThrough.computeIfAbsent(chain, key -> previousThrough(c));
            if (c.getThroughSeq() > after) {
                records(writer, realmId, c, after);
            }
            exportedThrough.put(chain, Math.max(after, c.getThroughSeq()));
            writer.checkpoint(new Checkpoint(c.getNode(), c.getEpoch(), c.getThroughSeq(), c.getHeadHash(),
                    c.getCovered(), c.getCreatedAt(), c.getKeyId(), c.getAlgorithm()), c.getSignature());
        }
        for (AuditRecordEntity pending : em.createQuery("select r from AuditRecordEntity r where r.chainSeq is null "
                        + "and r.realmId = :realm and r.capturedAt >= :from and r.capturedAt < :to "
                        + "order by r.capturedAt", AuditRecordEntity.class)
                .setParameter("realm", realmId).setParameter("from", from).setParameter("to", to).getResultList()) {
            writer.pending(pending.getBody());
        }
        writer.end();
    }

    private long previousThrough(AuditCheckpointEntity c) {
        Long previous = em.createQuery("select max(p.throughSeq) from AuditCheckpointEntity p where p.node = :node "
                        + "and p.epoch = :epoch and p.throughSeq < :through", Long.class)
                .setParameter("node", c.getNode()).setParameter("epoch", c.getEpoch())
                .setParameter("through", c.getThroughSeq()).getSingleResult();
        return previous == null ? 0 : previous;
    }

    private void records(ExportWriter writer, String realmId, AuditCheckpointEntity c, long after)
            throws IOException {
        List<AuditRecordEntity> rows = em.createQuery("select r from AuditRecordEntity r where r.node = :node and "
                        + "r.chainEpoch = :epoch and r.chainSeq > :after and r.chainSeq <= :through "
                        + "order by r.chainSeq", AuditRecordEntity.class)
                .setParameter("node", c.getNode()).setParameter("epoch", c.getEpoch())
                .setParameter("after", after).setParameter("through", c.getThroughSeq()).getResultList();
        Map<String, String> personal = new HashMap<>();
        List<String> ids = rows.stream().filter(r -> Objects.equals(r.getRealmId(), realmId))
                .map(AuditRecordEntity::getId).toList();
        if (!ids.isEmpty()) {
            em.createQuery("select p from AuditPersonalEntity p where p.recordId in :ids", AuditPersonalEntity.class)
                    .setParameter("ids", ids).getResultList()
                    .forEach(p -> personal.put(p.getRecordId(), p.getPersonalJson()));
        }
        for (AuditRecordEntity r : rows) {
            if (r.getRealmId() == null || r.getRealmId().equals(realmId)) {
                writer.record(r.getRecordJson(), r.getHash(), personal.get(r.getId()));
            } else {
                writer.elided(r.getNode(), r.getChainEpoch(), r.getChainSeq(), r.getPrevHash(), r.getHash());
            }
        }
    }
}

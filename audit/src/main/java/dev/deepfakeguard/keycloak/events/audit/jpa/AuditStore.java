package dev.deepfakeguard.keycloak.events.audit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit tables through one {@link EntityManager}, i.e. within the caller's transaction: every query of the
 * capture, the chainer, the node lease, retirement and adoption, the exports, the erasure and the compliance report,
 * in one place.
 */
public final class AuditStore {

    private static final String FETCH_SIZE = "org.hibernate.fetchSize";

    private final EntityManager em;

    public AuditStore(EntityManager em) {
        this.em = em;
    }

    public void add(AuditRecordEntity record) {
        em.persist(record);
    }

    public void add(AuditPersonalEntity personal) {
        em.persist(personal);
    }

    public void add(AuditCheckpointEntity checkpoint) {
        em.persist(checkpoint);
    }

    /** Lets a row that has been written out go, so that a long export holds no more than one page in memory. */
    public void detach(Object row) {
        em.detach(row);
    }

    /** Adds the key to the public-key manifest unless it is there already. */
    public void addKeyIfAbsent(AuditKeyEntity key) {
        if (em.find(AuditKeyEntity.class, key.getKeyId()) == null) {
            em.persist(key);
        }
    }

    /** The public-key manifest, oldest key first. */
    public List<AuditKeyEntity> keys() {
        return em.createQuery("select k from AuditKeyEntity k order by k.firstUsed", AuditKeyEntity.class)
                .getResultList();
    }

    /** A node's records not chained yet, in capture order, at most {@code limit}. */
    public List<AuditRecordEntity> unchained(String node, int limit) {
        return em.createQuery("select r from AuditRecordEntity r where r.node = :node "
                        + "and r.chainSeq is null order by r.capturedAt, r.captureSeq", AuditRecordEntity.class)
                .setParameter("node", node)
                .setMaxResults(limit)
                .getResultList();
    }

    /** A realm's records captured in [from, to) and not chained yet, in capture order. */
    public List<AuditRecordEntity> unchained(String realmId, long from, long to) {
        return em.createQuery("select r from AuditRecordEntity r where r.chainSeq is null "
                        + "and r.realmId = :realm and r.capturedAt >= :from and r.capturedAt < :to "
                        + "order by r.capturedAt", AuditRecordEntity.class)
                .setParameter("realm", realmId).setParameter("from", from).setParameter("to", to).getResultList();
    }

    /** The chained records of one chain with {@code after < seq <= through}, in chain order. */
    public List<AuditRecordEntity> chained(String node, String epoch, long after, long through) {
        return em.createQuery("select r from AuditRecordEntity r where r.node = :node and "
                        + "r.chainEpoch = :epoch and r.chainSeq > :after and r.chainSeq <= :through "
                        + "order by r.chainSeq", AuditRecordEntity.class)
                .setParameter("node", node).setParameter("epoch", epoch)
                .setParameter("after", after).setParameter("through", through).getResultList();
    }

    /** The personal parts of these records that still exist, by record id. */
    public Map<String, String> personalParts(List<String> recordIds) {
        Map<String, String> personal = new HashMap<>();
        if (!recordIds.isEmpty()) {
            em.createQuery("select p.recordId, p.personalJson from AuditPersonalEntity p where p.recordId in :ids",
                            Object[].class)
                    .setParameter("ids", recordIds).setHint(FETCH_SIZE, recordIds.size()).getResultList()
                    .forEach(c -> personal.put((String) c[0], (String) c[1]));
        }
        return personal;
    }

    /** GDPR erasure: deletes one user's personal parts of one realm's records; returns how many. */
    public int erasePersonal(String userId, String realmId) {
        return em.createQuery("delete from AuditPersonalEntity p where p.userId = :user and p.recordId in "
                        + "(select r.id from AuditRecordEntity r where r.realmId = :realm)")
                .setParameter("user", userId).setParameter("realm", realmId).executeUpdate();
    }

    /** The newest checkpoint of a node, of any epoch. */
    public Optional<AuditCheckpointEntity> newestCheckpoint(String node) {
        return em.createQuery("select c from AuditCheckpointEntity c where c.node = :node "
                        + "order by c.createdAt desc, c.throughSeq desc", AuditCheckpointEntity.class)
                .setParameter("node", node).setMaxResults(1).getResultList().stream().findFirst();
    }

    /** Whether a checkpoint of the chain covers {@code seq} with this hash, or a later position. */
    public boolean signedThrough(String node, String epoch, long seq, String hash) {
        return em.createQuery("select count(c) from AuditCheckpointEntity c where c.node = :node and "
                        + "c.epoch = :epoch and (c.throughSeq > :seq or (c.throughSeq = :seq and c.headHash = :hash))",
                        Long.class)
                .setParameter("node", node).setParameter("epoch", epoch).setParameter("seq", seq)
                .setParameter("hash", hash).getSingleResult() > 0;
    }

    /** The checkpoints created in [from, to), by chain and position. */
    public List<AuditCheckpointEntity> checkpointsCreated(long from, long to) {
        return em.createQuery("select c from AuditCheckpointEntity c where "
                        + "c.createdAt >= :from and c.createdAt < :to order by c.node, c.epoch, c.throughSeq",
                        AuditCheckpointEntity.class)
                .setParameter("from", from).setParameter("to", to).getResultList();
    }

    /** How far the chain's checkpoints before this one reach (0: none). */
    public long throughBefore(String node, String epoch, long through) {
        Long previous = em.createQuery("select max(p.throughSeq) from AuditCheckpointEntity p where p.node = :node "
                        + "and p.epoch = :epoch and p.throughSeq < :through", Long.class)
                .setParameter("node", node).setParameter("epoch", epoch)
                .setParameter("through", through).getSingleResult();
        return previous == null ? 0 : previous;
    }

    /** The newest checkpoint of a chain through exactly {@code seq}, if one exists. */
    public Optional<AuditCheckpointEntity> checkpointThrough(String node, String epoch, long seq) {
        return em.createQuery("select c from AuditCheckpointEntity c where c.node = :node and c.epoch = :epoch and "
                        + "c.throughSeq = :seq order by c.createdAt desc", AuditCheckpointEntity.class)
                .setParameter("node", node).setParameter("epoch", epoch).setParameter("seq", seq)
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    /** The node's row, locked for this transaction (lease, retirement, adoption decide under this lock). */
    public Optional<AuditNodeEntity> lockedNode(String node) {
        return Optional.ofNullable(em.find(AuditNodeEntity.class, node, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Adds a node's row and writes it at once, so that a competing claim of the id fails here, not at commit. */
    public void addNodeNow(AuditNodeEntity row) {
        em.persist(row);
        em.flush();
    }

    public void add(AuditNodeEntity row) {
        em.persist(row);
    }

    /** Node ids an admin retired that no live node has adopted yet. */
    public List<String> retiredNotAdopted() {
        return em.createQuery("select n.node from AuditNodeEntity n where n.retiredAt is not null "
                + "and n.adoptedBy is null", String.class).getResultList();
    }

    /** Every record of a node not chained yet, in capture order: the orphans a retirement hands over. */
    public List<AuditRecordEntity> unchained(String node) {
        return em.createQuery("select r from AuditRecordEntity r where r.node = :node "
                        + "and r.chainSeq is null order by r.capturedAt, r.captureSeq", AuditRecordEntity.class)
                .setParameter("node", node).getResultList();
    }

    /** How many records of a node are not chained yet. */
    public long unchainedCount(String node) {
        return em.createQuery("select count(r) from AuditRecordEntity r where r.node = :node and "
                + "r.chainSeq is null", Long.class).setParameter("node", node).getSingleResult();
    }

    /** How many checkpoints a node has signed, over all its epochs. */
    public long checkpointCount(String node) {
        return em.createQuery("select count(c) from AuditCheckpointEntity c where c.node = :node",
                Long.class).setParameter("node", node).getSingleResult();
    }

    /** When a node last signed a checkpoint (epoch milliseconds); empty when it never did. */
    public Optional<Long> lastCheckpointAt(String node) {
        return Optional.ofNullable(em.createQuery("select max(c.createdAt) from AuditCheckpointEntity c "
                + "where c.node = :node", Long.class).setParameter("node", node).getSingleResult());
    }

    /** One record's columns that an export needs; epoch, seq and hash are null while it is not chained. */
    public record WindowRow(String id, long capturedAt, String node, String epoch, Long seq, String hash,
                            String body) {
    }

    /**
     * One page of a realm's records captured in {@code [from, to)} after the position {@code (afterTime, afterId)}
     * in (capture time, id) order, as column values, so nothing enters the persistence context. One seek into
     * {@code IDX_DFG_AUDIT_REALM_TIME (REALM_ID, CAPTURED_AT, ID)}: the order names the realm too, although it is
     * fixed, because H2 takes rows in index order only when the ORDER BY is a prefix of the index's columns; without
     * it, it read every remaining row of the window and sorted them for each page. The OR only drops the rows of the
     * previous page's last millisecond that were already read. The page size is also the JDBC fetch size, so a page
     * is one round trip.
     */
    public List<WindowRow> windowPage(String realmId, long from, long to, long afterTime, String afterId, int limit) {
        List<Object[]> found = em.createQuery("select r.id, r.capturedAt, r.node, r.chainEpoch, r.chainSeq, r.hash,"
                        + " r.body from AuditRecordEntity r where r.realmId = :realm and r.capturedAt >= :start"
                        + " and r.capturedAt < :to and (r.capturedAt > :afterTime or r.id > :afterId)"
                        + " order by r.realmId, r.capturedAt, r.id", Object[].class)
                .setParameter("realm", realmId).setParameter("start", Math.max(from, afterTime))
                .setParameter("to", to).setParameter("afterTime", afterTime)
                .setParameter("afterId", afterId).setHint(FETCH_SIZE, limit).setMaxResults(limit).getResultList();
        List<WindowRow> page = new ArrayList<>(found.size());
        for (Object[] c : found) {
            page.add(new WindowRow((String) c[0], (Long) c[1], (String) c[2], (String) c[3], (Long) c[4],
                    (String) c[5], (String) c[6]));
        }
        return page;
    }

    /** The bodies of a realm's newest records, newest first: one seek along the realm/time index, read backwards. */
    public List<String> newestBodies(String realmId, int limit) {
        return em.createQuery("select r.body from AuditRecordEntity r where r.realmId = :realm "
                        + "order by r.realmId desc, r.capturedAt desc, r.id desc", String.class)
                .setParameter("realm", realmId).setMaxResults(limit).getResultList();
    }
}

package dev.deepfakeguard.keycloak.events.audit.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

/**
 * One realm's records captured in a window, in capture order, a page at a time, by keyset: each page starts after
 * the (capture time, id) of the last row of the one before, so every page is one seek into
 * {@code IDX_DFG_AUDIT_REALM_TIME (REALM_ID, CAPTURED_AT, ID)} and reads only its own rows. (Paging by offset, or an
 * order the index does not deliver, reads everything before the page again: quadratic in the window.)
 * <p>
 * The order names the realm too, although it is fixed: H2 takes rows in index order only when the ORDER BY is a
 * prefix of the index's columns; without it, it read every remaining row of the window and sorted them for each page.
 * Rows are read as column values, not entities, so nothing enters the persistence context.
 */
final class WindowPages {

    /** Rows per page; also the JDBC fetch size, so a page is one round trip. */
    static final int PAGE = 1000;
    private static final String QUERY = "select r.id, r.capturedAt, r.node, r.chainEpoch, r.chainSeq, r.hash, r.body"
            + " from AuditRecordEntity r where r.realmId = :realm and r.capturedAt >= :start and r.capturedAt < :to"
            // The OR only drops the rows of the previous page's last millisecond that were written already.
            + " and (r.capturedAt > :afterTime or r.id > :afterId) order by r.realmId, r.capturedAt, r.id";
    private static final String FETCH_SIZE = "org.hibernate.fetchSize";

    /** One record's columns that an export needs; epoch, seq and hash are null while it is not chained. */
    record Row(String id, long capturedAt, String node, String epoch, Long seq, String hash, String body) {
    }

    private final EntityManager em;
    private final String realmId;
    private final ExportWindow window;
    private long afterTime = Long.MIN_VALUE;
    private String afterId = "";
    private boolean done;

    WindowPages(EntityManager em, String realmId, ExportWindow window) {
        this.em = em;
        this.realmId = realmId;
        this.window = window;
    }

    /** The next page; empty when the window is exhausted. */
    List<Row> next() {
        if (done) {
            return List.of();
        }
        List<Object[]> found = em.createQuery(QUERY, Object[].class)
                .setParameter("realm", realmId).setParameter("start", Math.max(window.from(), afterTime))
                .setParameter("to", window.to()).setParameter("afterTime", afterTime)
                .setParameter("afterId", afterId).setHint(FETCH_SIZE, PAGE).setMaxResults(PAGE).getResultList();
        List<Row> page = new ArrayList<>(found.size());
        for (Object[] c : found) {
            page.add(new Row((String) c[0], (Long) c[1], (String) c[2], (String) c[3], (Long) c[4], (String) c[5],
                    (String) c[6]));
        }
        if (page.size() < PAGE) {
            done = true;
        }
        if (!page.isEmpty()) {
            Row last = page.get(page.size() - 1);
            afterTime = last.capturedAt();
            afterId = last.id();
        }
        return page;
    }

    /** The personal parts of a page's records that still exist (not erased), by record id: one query per page. */
    Map<String, String> personalParts(List<Row> page) {
        Map<String, String> parts = new HashMap<>();
        if (page.isEmpty()) {
            return parts;
        }
        em.createQuery("select p.recordId, p.personalJson from AuditPersonalEntity p where p.recordId in :ids",
                        Object[].class)
                .setParameter("ids", page.stream().map(Row::id).toList()).setHint(FETCH_SIZE, PAGE)
                .getResultList().forEach(c -> parts.put((String) c[0], (String) c[1]));
        return parts;
    }
}

package dev.deepfakeguard.keycloak.events.audit.export;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.deepfakeguard.keycloak.audit.format.CanonicalJson;
import dev.deepfakeguard.keycloak.audit.format.Json;
import dev.deepfakeguard.keycloak.audit.format.JsonSyntaxException;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditRecordEntity;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * Writes one realm's records captured in a window as OCSF events, one JSON object per line, oldest first. Reads the
 * records a page at a time (keyset paging on capture time and id) and detaches each page once written, so memory
 * stays the same whatever the size of the window. For SIEMs: the signed JSON Lines export is the evidence; this one
 * carries each record's chain hash so a SIEM entry can be matched with it.
 */
final class OcsfExporter {

    static final int PAGE = 500;
    private static final Logger LOG = Logger.getLogger(OcsfExporter.class);

    private final AuditStore store;

    OcsfExporter(AuditStore store) {
        this.store = store;
    }

    /** @return the number of events written */
    long export(String realmId, String realmName, ExportWindow window, Writer out) throws IOException {
        long written = 0;
        long afterTime = Long.MIN_VALUE;
        String afterId = "";
        while (true) {
            List<AuditRecordEntity> page = store.recordsAfter(realmId, window.from(), window.to(), afterTime, afterId,
                    PAGE);
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
                store.detach(row);
            }
            AuditRecordEntity last = page.get(page.size() - 1);
            afterTime = last.getCapturedAt();
            afterId = last.getId();
        }
    }

    private Map<String, Map<String, Object>> personal(List<AuditRecordEntity> page) {
        Map<String, Map<String, Object>> parts = new HashMap<>();
        store.personalParts(page.stream().map(AuditRecordEntity::getId).toList()).forEach((recordId, json) -> {
            try {
                parts.put(recordId, Json.parseObject(json));
            } catch (JsonSyntaxException e) {
                LOG.warnf("audit personal part of record %s is not JSON; exported without it", recordId);
            }
        });
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

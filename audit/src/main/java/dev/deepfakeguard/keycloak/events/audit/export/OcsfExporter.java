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
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore.WindowRow;

/**
 * Writes one realm's records captured in a window as OCSF events, one JSON object per line, oldest first. For SIEMs:
 * the signed JSON Lines export is the evidence; this one carries each record's chain hash so a SIEM entry can be
 * matched with it.
 * <p>
 * Memory and time per record stay the same whatever the size of the window: the records are read a page at a time by
 * keyset ({@link WindowPages}), as plain column values rather than entities, so nothing accumulates in the
 * persistence context and no page costs more than its own rows.
 */
final class OcsfExporter {

    private static final Logger LOG = Logger.getLogger(OcsfExporter.class);

    private final AuditStore store;

    OcsfExporter(AuditStore store) {
        this.store = store;
    }

    /** @return the number of events written */
    long export(String realmId, String realmName, ExportWindow window, Writer out) throws IOException {
        WindowPages pages = new WindowPages(store, realmId, window);
        long written = 0;
        for (List<WindowRow> page = pages.next(); !page.isEmpty(); page = pages.next()) {
            Map<String, Map<String, Object>> personal = personal(pages.personalParts(page));
            for (WindowRow row : page) {
                Optional<Map<String, Object>> event = body(row).flatMap(body -> OcsfMapper.map(body,
                        personal.getOrDefault(row.id(), Map.of()), realmName, new OcsfMapper.Position(
                                row.node(), row.epoch(), row.seq(), row.hash())));
                if (event.isPresent()) {
                    out.write(CanonicalJson.write(event.get()));
                    out.write('\n');
                    written++;
                }
            }
        }
        return written;
    }

    private static Map<String, Map<String, Object>> personal(Map<String, String> found) {
        Map<String, Map<String, Object>> parts = new HashMap<>();
        found.forEach((recordId, json) -> {
            try {
                parts.put(recordId, Json.parseObject(json));
            } catch (JsonSyntaxException e) {
                LOG.warnf("audit personal part of record %s is not JSON; exported without it", recordId);
            }
        });
        return parts;
    }

    private static Optional<Map<String, Object>> body(WindowRow row) {
        try {
            return Optional.of(Json.parseObject(row.body()));
        } catch (JsonSyntaxException e) {
            LOG.warnf("audit record %s has an unreadable body; left out of the OCSF export (the JSON Lines export "
                    + "shows it)", row.id());
            return Optional.empty();
        }
    }
}

package dev.deepfakeguard.keycloak.events.audit.export;

import java.util.List;
import java.util.Map;

import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore.WindowRow;

/**
 * One realm's records captured in a window, in capture order, a page at a time, by keyset: each page starts after
 * the (capture time, id) of the last row of the one before, so every page is one seek into the realm/time index and
 * reads only its own rows. (Paging by offset, or an order the index does not deliver, reads everything before the
 * page again: quadratic in the window.)
 */
final class WindowPages {

    /** Rows per page. */
    static final int PAGE = 1000;

    private final AuditStore store;
    private final String realmId;
    private final ExportWindow window;
    private long afterTime = Long.MIN_VALUE;
    private String afterId = "";
    private boolean done;

    WindowPages(AuditStore store, String realmId, ExportWindow window) {
        this.store = store;
        this.realmId = realmId;
        this.window = window;
    }

    /** The next page; empty when the window is exhausted. */
    List<WindowRow> next() {
        if (done) {
            return List.of();
        }
        List<WindowRow> page = store.windowPage(realmId, window.from(), window.to(), afterTime, afterId, PAGE);
        if (page.size() < PAGE) {
            done = true;
        }
        if (!page.isEmpty()) {
            WindowRow last = page.get(page.size() - 1);
            afterTime = last.capturedAt();
            afterId = last.id();
        }
        return page;
    }

    /** The personal parts of a page's records that still exist (not erased), by record id: one query per page. */
    Map<String, String> personalParts(List<WindowRow> page) {
        return store.personalParts(page.stream().map(WindowRow::id).toList());
    }
}

package dev.deepfakeguard.keycloak.events.lockout.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A realm's current window of the suspected-deepfake rate alert, one row per realm shared by every node: each
 * {@code deepfake_suspected} denial anywhere in the cluster counts here under the row's lock, so the threshold holds
 * for the cluster, not for each node.
 */
@Entity(name = "DfgAlertRate")
@Table(name = "DFG_ALERT_RATE")
@NamedQuery(name = "dfgAlertRateDeleteOfRealm", query = "delete from DfgAlertRate w where w.realmId = :realmId")
public class RateWindowEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    /** Epoch millis of the window's first denial; 0 before the first. */
    @Column(name = "WINDOW_START", nullable = false)
    private long windowStart;

    @Column(name = "EVENTS", nullable = false)
    private long events;

    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getWindowStart() { return windowStart; }
    public void setWindowStart(long windowStart) { this.windowStart = windowStart; }
    public long getEvents() { return events; }
    public void setEvents(long events) { this.events = events; }
}

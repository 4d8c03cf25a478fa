package dev.deepfakeguard.keycloak.events.lockout.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An alert waiting to be delivered. Written in the transaction that sets the lock (so no lock goes unreported and
 * no alert reports a lock that was rolled back); delivered later by the background worker, which retries until
 * {@code STATE} is {@code delivered} or {@code failed}.
 */
@Entity(name = "DfgLockoutOutbox")
@Table(name = "DFG_LOCKOUT_OUTBOX")
@NamedQueries({
        @NamedQuery(name = "dfgLockoutDue", query = "select o from DfgLockoutOutbox o where o.state = 'pending'"
                + " and o.nextAttemptAt <= :now order by o.nextAttemptAt"),
        @NamedQuery(name = "dfgLockoutClaim", query = "update DfgLockoutOutbox o set o.nextAttemptAt = :lease"
                + " where o.id = :id and o.state = 'pending' and o.nextAttemptAt = :seen"),
        @NamedQuery(name = "dfgLockoutOutboxOfRealm", query = "select o from DfgLockoutOutbox o"
                + " where o.realmId = :realmId order by o.createdAt"),
        @NamedQuery(name = "dfgLockoutDeleteDeliveredBefore", query = "delete from DfgLockoutOutbox o"
                + " where o.state <> 'pending' and o.createdAt < :before"),
        @NamedQuery(name = "dfgLockoutDeleteOutboxOfRealm",
                query = "delete from DfgLockoutOutbox o where o.realmId = :realmId")
})
public class OutboxEntity {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** {@code webhook} or {@code email}. */
    @Column(name = "CHANNEL", length = 16, nullable = false)
    private String channel;

    /** The e-mail recipient's user id; empty for the webhook. */
    @Column(name = "TARGET", length = 255, nullable = false)
    private String target;

    @Column(name = "PAYLOAD", length = 4000, nullable = false)
    private String payload;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "STATE", length = 16, nullable = false)
    private String state;

    @Column(name = "LAST_ERROR", length = 255)
    private String lastError;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getNextAttemptAt() {
        return nextAttemptAt;
    }

    public void setNextAttemptAt(long nextAttemptAt) {
        this.nextAttemptAt = nextAttemptAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }
}

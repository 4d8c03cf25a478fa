package dev.deepfakeguard.keycloak.helpdesk.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The e-mail address the helpdesk last saw for a user (as a hash) and when it last changed. Keycloak keeps no time of
 * an address change, so the helpdesk listener records it here, out of reach of every account and admin API.
 */
@Entity(name = "DfgHelpdeskContact")
@Table(name = "DFG_HELPDESK_CONTACT")
@NamedQueries({
        @NamedQuery(name = "dfgHelpdeskContactDeleteOfRealm",
                query = "delete from DfgHelpdeskContact c where c.realmId = :realmId"),
        @NamedQuery(name = "dfgHelpdeskContactDeleteOfUser",
                query = "delete from DfgHelpdeskContact c where c.id = :id")
})
public class ContactEntity {

    @Id
    @Column(name = "ID", length = 80)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "EMAIL_HASH", length = 64, nullable = false)
    private String emailHash;

    /** Epoch milliseconds of the last change seen; 0 when the address was only ever seen unchanged. */
    @Column(name = "CHANGED_AT", nullable = false)
    private long changedAt;

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

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getEmailHash() {
        return emailHash;
    }

    public void setEmailHash(String emailHash) {
        this.emailHash = emailHash;
    }

    public long getChangedAt() {
        return changedAt;
    }

    public void setChangedAt(long changedAt) {
        this.changedAt = changedAt;
    }
}

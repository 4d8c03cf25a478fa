package dev.deepfakeguard.keycloak.helpdesk.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One helpdesk verification. {@code OPEN_KEY} carries realm and user while the request is open and is null
 * otherwise; its unique index makes "one open request per user" hold across cluster nodes. {@code VERSION} lets two
 * nodes that read the same row at once find out that one of them lost.
 */
@Entity(name = "DfgHelpdeskRequest")
@Table(name = "DFG_HELPDESK_REQUEST")
@NamedQueries({
        @NamedQuery(name = "dfgHelpdeskOpenForUser", query = "select r from DfgHelpdeskRequest r"
                + " where r.openKey = :openKey"),
        @NamedQuery(name = "dfgHelpdeskCountOpenForUser", query = "select count(r) from DfgHelpdeskRequest r"
                + " where r.openKey = :openKey"),
        @NamedQuery(name = "dfgHelpdeskCountForUser", query = "select count(r) from DfgHelpdeskRequest r"
                + " where r.realmId = :realmId and r.userId = :userId and r.createdAt >= :since"),
        @NamedQuery(name = "dfgHelpdeskCountForAgent", query = "select count(r) from DfgHelpdeskRequest r"
                + " where r.realmId = :realmId and r.agentId = :agentId and r.createdAt >= :since"),
        @NamedQuery(name = "dfgHelpdeskCountReportedForAgent", query = "select count(r) from DfgHelpdeskRequest r"
                + " where r.realmId = :realmId and r.agentId = :agentId and r.state = :state"
                + " and r.updatedAt >= :since"),
        @NamedQuery(name = "dfgHelpdeskOfUserInState", query = "select r from DfgHelpdeskRequest r"
                + " where r.realmId = :realmId and r.userId = :userId and r.state = :state"),
        @NamedQuery(name = "dfgHelpdeskReenrolPending", query = "select r from DfgHelpdeskRequest r"
                + " where r.realmId = :realmId and r.userId = :userId and r.reenrolOtp = true"),
        @NamedQuery(name = "dfgHelpdeskDeleteOfRealm",
                query = "delete from DfgHelpdeskRequest r where r.realmId = :realmId")
})
public class RequestEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "AGENT_ID", length = 36, nullable = false)
    private String agentId;

    @Column(name = "TICKET", length = 64, nullable = false)
    private String ticket;

    @Column(name = "STATE", length = 32, nullable = false)
    private String state;

    @Column(name = "OPEN_KEY", length = 80)
    private String openKey;

    @Column(name = "PRIVILEGED", nullable = false)
    private boolean privileged;

    @Column(name = "APPROVER_ID", length = 36)
    private String approverId;

    @Column(name = "CODE_HASH", length = 64)
    private String codeHash;

    @Column(name = "CODE_ATTEMPTS", nullable = false)
    private int codeAttempts;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public int getVersion() {
        return version;
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

    public String getAgentId() {
        return agentId;
    }

    public void setAgentId(String agentId) {
        this.agentId = agentId;
    }

    public String getTicket() {
        return ticket;
    }

    public void setTicket(String ticket) {
        this.ticket = ticket;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getOpenKey() {
        return openKey;
    }

    public void setOpenKey(String openKey) {
        this.openKey = openKey;
    }

    public boolean isPrivileged() {
        return privileged;
    }

    public void setPrivileged(boolean privileged) {
        this.privileged = privileged;
    }

    public String getApproverId() {
        return approverId;
    }

    public void setApproverId(String approverId) {
        this.approverId = approverId;
    }

    public String getCodeHash() {
        return codeHash;
    }

    public void setCodeHash(String codeHash) {
        this.codeHash = codeHash;
    }

    public int getCodeAttempts() {
        return codeAttempts;
    }

    public void setCodeAttempts(int codeAttempts) {
        this.codeAttempts = codeAttempts;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(long expiresAt) {
        this.expiresAt = expiresAt;
    }

    /** True while the reset asked for a new authenticator app and the old one has not been removed yet. */
    @Column(name = "REENROL_OTP", nullable = false)
    private boolean reenrolOtp;

    /** Epoch milliseconds the reset was issued; null before. */
    @Column(name = "RESET_AT")
    private Long resetAt;

    public boolean isReenrolOtp() {
        return reenrolOtp;
    }

    public void setReenrolOtp(boolean reenrolOtp) {
        this.reenrolOtp = reenrolOtp;
    }

    public Long getResetAt() {
        return resetAt;
    }

    public void setResetAt(Long resetAt) {
        this.resetAt = resetAt;
    }

    /**
     * The live face template the caller consented to enrol (model id, digest and vector, {@link FaceTemplateColumn});
     * null unless the request is open and the caller consented. Biometric data: never in a view or an event.
     */
    @Column(name = "FACE_TEMPLATE")
    private String faceTemplate;

    public String getFaceTemplate() {
        return faceTemplate;
    }

    public void setFaceTemplate(String faceTemplate) {
        this.faceTemplate = faceTemplate;
    }
}

package dev.deepfakeguard.keycloak.helpdesk.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * When a user's e-mail address last changed. The listener reports changes it sees; a check compares the address on
 * file with the last one seen, so a change the listener missed (listener off, direct database edit) counts as a
 * change at the moment it is noticed: the block errs on the safe side.
 */
public final class ContactChanges {

    private static final Logger LOG = Logger.getLogger(ContactChanges.class);

    private final KeycloakSession session;
    private final EntityManager em;

    public ContactChanges(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /**
     * Records the user's current address after an update.
     *
     * @param changed the update is known to have changed the address; when unknown and there is no earlier record,
     *                {@code unknownIsChange} decides (an admin's user update: true, on the safe side)
     */
    public void observe(String realmId, UserModel user, long now, boolean changed, boolean unknownIsChange) {
        String hash = hash(user.getEmail());
        ContactEntity row = rowOf(realmId, user.getId(), hash, changed || unknownIsChange ? now : 0);
        if (row != null && (changed || !row.getEmailHash().equals(hash))) {
            row.setEmailHash(hash);
            row.setChangedAt(now);
        }
    }

    /**
     * Epoch milliseconds of the last change of the user's address: 0 when none was ever seen (the address on file
     * becomes the baseline), {@code now} when the address differs from the one last seen.
     */
    public long lastChange(String realmId, UserModel user, long now) {
        String hash = hash(user.getEmail());
        ContactEntity row = rowOf(realmId, user.getId(), hash, 0);
        if (row == null) {
            return 0;
        }
        if (!row.getEmailHash().equals(hash)) {
            row.setEmailHash(hash);
            row.setChangedAt(now);
        }
        return row.getChangedAt();
    }

    public void forget(String realmId, String userId) {
        em.createNamedQuery("dfgHelpdeskContactDeleteOfUser").setParameter("id", key(realmId, userId))
                .executeUpdate();
    }

    public void deleteRealm(String realmId) {
        em.createNamedQuery("dfgHelpdeskContactDeleteOfRealm").setParameter("realmId", realmId).executeUpdate();
    }

    /**
     * The user's row, locked; null when there was none and it was just recorded as {@code hash} at {@code changedAt}.
     * The first record is written in a transaction of its own: two requests racing for the same new user must not
     * make one of them fail at its commit (the loser finds the winner's row).
     */
    private ContactEntity rowOf(String realmId, String userId, String hash, long changedAt) {
        String key = key(realmId, userId);
        ContactEntity row = em.find(ContactEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (row != null) {
            return row;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                    inner -> new ContactChanges(inner).insert(realmId, userId, hash, changedAt));
            return null;
        } catch (RuntimeException e) {
            LOG.debugf("Helpdesk contact record of user %s in realm %s was written concurrently: %s", userId,
                    realmId, e.toString());
            return em.find(ContactEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
        }
    }

    private void insert(String realmId, String userId, String hash, long changedAt) {
        ContactEntity row = new ContactEntity();
        row.setId(key(realmId, userId));
        row.setRealmId(realmId);
        row.setUserId(userId);
        row.setEmailHash(hash);
        row.setChangedAt(changedAt);
        em.persist(row);
    }

    private static String key(String realmId, String userId) {
        return StateChange.openKey(realmId, userId);
    }

    /** SHA-256 of the address, lower-cased: the table needs to see a change, not to know the address. */
    static String hash(String email) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}

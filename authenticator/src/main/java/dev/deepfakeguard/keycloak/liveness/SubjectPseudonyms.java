package dev.deepfakeguard.keycloak.liveness;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.keys.KeyProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The subject a scorer sees: HMAC-SHA256 of the user id under a secret of the realm, so a vendor sees the same
 * subject on every check of a person but cannot compute it from a user id it learnt elsewhere, nor link subjects
 * across realms.
 *
 * <p>The secret is a key component of the realm that Keycloak generates ({@code hmac-generated}, named
 * {@value #COMPONENT_NAME}), <em>disabled</em> so that Keycloak never signs or verifies tokens with it. Keycloak's
 * admin API never returns the secret of a key component, so realm admins cannot read it back; realm attributes would
 * be readable with view-realm. It is created with the realm ({@link #ensureKey}, in the creating transaction), under
 * an id derived from the realm's. A realm that existed before the extension gets it on its first check, in a
 * transaction of its own, by one request per node at a time: a burst of first checks must not open a connection
 * each while their requests hold one already, which exhausts the pool. The others fall back (the policy's fallback,
 * never an allow) until the key is there. Deleting it changes every pseudonym of the realm (a vendor then sees new
 * subjects).
 */
final class SubjectPseudonyms {

    static final String COMPONENT_NAME = "deepfake-guard-pseudonym";
    private static final Logger LOG = Logger.getLogger(SubjectPseudonyms.class);
    private static final String HMAC = "HmacSHA256";
    private static final String SECRET = "secret";
    /** Realms whose key a request of this node is creating right now. */
    private static final Set<String> CREATING = ConcurrentHashMap.newKeySet();

    private SubjectPseudonyms() {
    }

    /**
     * The pseudonym of {@code userId} in {@code realm}: base64url, 43 characters; empty when the realm has no key yet
     * and this request cannot create it now (another request of this node is creating it, or the creation failed).
     */
    static Optional<String> of(KeycloakSession session, RealmModel realm, String userId) {
        return secret(session, realm).map(key -> pseudonym(key, userId));
    }

    /** Adds the realm's key in the caller's transaction, unless it has one: called when a realm is created. */
    static void ensureKey(RealmModel realm) {
        String id = componentId(realm.getId());
        if (read(realm.getComponent(id)).isEmpty()) {
            addKey(realm, id);
        }
    }

    /** HMAC-SHA256 of {@code "deepfake-guard-subject/v1:" + userId}, base64url without padding. */
    static String pseudonym(byte[] key, String userId) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            byte[] tag = mac.doFinal(("deepfake-guard-subject/v1:" + userId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is mandatory in every JDK", e);
        }
    }

    static String componentId(String realmId) {
        return UUID.nameUUIDFromBytes(("deepfake-guard-pseudonym:" + realmId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static Optional<byte[]> secret(KeycloakSession session, RealmModel realm) {
        Optional<byte[]> existing = read(realm.getComponent(componentId(realm.getId())));
        if (existing.isPresent()) {
            return existing;
        }
        if (!CREATING.add(realm.getId())) {
            LOG.debugf("pseudonym key of realm %s is being created by another request", realm.getName());
            return Optional.empty();
        }
        try {
            return Optional.of(KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                    s -> create(s, realm.getId())));
        } catch (RuntimeException e) {
            // Another node created it at the same moment (the next check reads it), or the database is busy.
            LOG.warnf("Deepfake Guard could not create the pseudonym key of realm %s now (%s); this check falls "
                    + "back", realm.getName(), e.toString());
            return Optional.empty();
        } finally {
            CREATING.remove(realm.getId());
        }
    }

    private static byte[] create(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        String id = componentId(realmId);
        Optional<byte[]> existing = read(realm.getComponent(id));
        return existing.isPresent() ? existing.get() : addKey(realm, id);
    }

    private static byte[] addKey(RealmModel realm, String id) {
        ComponentModel key = new ComponentModel();
        key.setId(id);
        key.setName(COMPONENT_NAME);
        key.setParentId(realm.getId());
        key.setProviderId("hmac-generated");
        key.setProviderType(KeyProvider.class.getName());
        key.put("priority", "-1000");
        // Disabled: Keycloak must never sign or accept a token with this key; only the pseudonyms use it.
        key.put("enabled", "false");
        key.put("active", "false");
        key.put("algorithm", "HS256");
        key.put("secretSize", "32");
        // Keycloak's hmac-generated provider generates the secret while it validates the new component.
        ComponentModel created = realm.addComponentModel(key);
        LOG.infof("Deepfake Guard created the pseudonym key of realm %s (key component %s, disabled)",
                realm.getName(), id);
        return read(created).orElseThrow(() -> new IllegalStateException("Keycloak generated no secret for the "
                + "pseudonym key of realm " + realm.getName()));
    }

    private static Optional<byte[]> read(ComponentModel component) {
        if (component == null || component.get(SECRET) == null) {
            return Optional.empty();
        }
        return Optional.of(Base64.getUrlDecoder().decode(component.get(SECRET)));
    }
}

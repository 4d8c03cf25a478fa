package dev.deepfakeguard.keycloak.events.lockout.admin;

import dev.deepfakeguard.keycloak.contract.LockoutEventDetails;
import dev.deepfakeguard.keycloak.events.lockout.KeycloakTransactions;
import dev.deepfakeguard.keycloak.events.lockout.LockPolicyView;
import dev.deepfakeguard.keycloak.events.lockout.LockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.LockoutListenerFactory;
import dev.deepfakeguard.keycloak.events.lockout.alert.AlertFailure;
import dev.deepfakeguard.keycloak.events.lockout.RealmLockoutConfig;
import dev.deepfakeguard.keycloak.events.lockout.Unlocker;
import dev.deepfakeguard.keycloak.events.lockout.store.LockLevel;
import dev.deepfakeguard.keycloak.events.lockout.store.LockoutStore;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectEntity;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKey;
import dev.deepfakeguard.keycloak.events.lockout.store.SubjectKind;
import dev.deepfakeguard.keycloak.metrics.lockout.LockoutMeters;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * List locks and why, unlock, read counts, and read or replace the thresholds. Reading needs view-users (view-realm
 * for config and alerts); unlocking needs manage-users (for that user); changing thresholds needs manage-realm.
 */
public final class LockoutAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final Clock clock;

    LockoutAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                         AdminEventBuilder adminEvent, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.CUSTOM);
        this.clock = clock;
    }

    @GET
    @Path("locks")
    @Produces(MediaType.APPLICATION_JSON)
    public List<LockView> locks() {
        auth.users().requireView();
        long now = clock.millis();
        return store().locked(realm.getId(), now).stream().map(this::view).toList();
    }

    @GET
    @Path("users/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public SubjectStatus user(@PathParam("userId") String userId) {
        UserModel user = findUser(userId);
        auth.users().requireView(user);
        return status(SubjectKey.user(realm.getId(), user.getId()));
    }

    @GET
    @Path("sources/{address}")
    @Produces(MediaType.APPLICATION_JSON)
    public SubjectStatus source(@PathParam("address") String address) {
        auth.users().requireView();
        return status(sourceKey(address));
    }

    @DELETE
    @Path("users/{userId}")
    public Response unlockUser(@PathParam("userId") String userId) {
        UserModel user = findUser(userId);
        auth.users().requireManage(user);
        SubjectKey key = SubjectKey.user(realm.getId(), user.getId());
        boolean wasLocked = new Unlocker(store(), clock).unlockUser(key, user);
        adminEvent.operation(OperationType.ACTION).resourcePath("deepfake-guard-lockout", "users", user.getId())
                .detail(LockoutEventDetails.ACTION, LockoutEventDetails.ACTION_UNLOCKED)
                .detail(LockoutEventDetails.SUBJECT_KIND, SubjectKind.USER.value()).success();
        if (wasLocked) {
            LockoutMeters.global().unlocked(realm.getName(), SubjectKind.USER.value());
        }
        return wasLocked ? Response.noContent().build() : Response.status(Response.Status.NOT_FOUND).build();
    }

    @DELETE
    @Path("sources/{address}")
    public Response unlockSource(@PathParam("address") String address) {
        auth.users().requireManage();
        SubjectKey key = sourceKey(address);
        boolean wasLocked = new Unlocker(store(), clock).unlockSource(key);
        adminEvent.operation(OperationType.ACTION).resourcePath("deepfake-guard-lockout", "sources", key.subject())
                .detail(LockoutEventDetails.ACTION, LockoutEventDetails.ACTION_UNLOCKED)
                .detail(LockoutEventDetails.SUBJECT_KIND, SubjectKind.SOURCE.value()).success();
        if (wasLocked) {
            LockoutMeters.global().unlocked(realm.getName(), SubjectKind.SOURCE.value());
        }
        return wasLocked ? Response.noContent().build() : Response.status(Response.Status.NOT_FOUND).build();
    }

    @GET
    @Path("config")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> config() {
        auth.realm().requireViewRealm();
        return masked(RealmLockoutConfig.of(realm));
    }

    /** Replaces the thresholds as a whole; keys left out take their defaults. A broken set changes nothing. */
    @PUT
    @Path("config")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response updateConfig(Map<String, String> attributes) {
        auth.realm().requireManageRealm();
        Map<String, String> prefixed = new LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((key, value) -> prefixed.put(key.startsWith(LockoutConfig.PREFIX) ? key
                    : LockoutConfig.PREFIX + key, value));
        }
        List<String> unknown = prefixed.keySet().stream().filter(key -> LockoutConfig.KEYS.stream()
                .noneMatch(known -> known.attribute().equals(key))).toList();
        if (!unknown.isEmpty()) {
            return badRequest(List.of("unknown keys: " + String.join(", ", unknown)));
        }
        try {
            LockoutConfig config = RealmLockoutConfig.write(realm, prefixed, allowLiteralSecrets());
            adminEvent.operation(OperationType.UPDATE).resourcePath("deepfake-guard-lockout", "config")
                    .detail(LockoutEventDetails.ACTION, "config_updated").success();
            return Response.ok(masked(config)).build();
        } catch (LockoutConfig.InvalidLockoutConfigException e) {
            return badRequest(e.problems());
        }
    }

    @GET
    @Path("alerts")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AlertView> alerts() {
        auth.realm().requireViewRealm();
        // lastError is a coarse code: the webhook URL is the realm admin's choice, and the answer of whatever it
        // points at must not come back through this view (the server log has the detail).
        return store().outbox(realm.getId()).stream().map(entry -> new AlertView(entry.getId(), entry.getChannel(),
                entry.getState(), entry.getAttempts(), AlertFailure.shown(entry.getLastError()),
                entry.getCreatedAt() / 1000)).toList();
    }

    private boolean allowLiteralSecrets() {
        return session.getKeycloakSessionFactory().getProviderFactory(EventListenerProvider.class,
                LockoutListenerFactory.PROVIDER_ID) instanceof LockoutListenerFactory lockout
                && lockout.allowLiteralSecrets();
    }

    private static Response badRequest(List<String> problems) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new ConfigProblem("invalid lockout configuration; nothing was changed", problems)).build();
    }

    /** The answer to a rejected configuration. */
    public record ConfigProblem(String error, List<String> problems) {
    }

    private Map<String, String> masked(LockoutConfig config) {
        Map<String, String> shown = config.toAttributes();
        shown.computeIfPresent(LockoutConfig.WEBHOOK_SECRET.attribute(),
                (key, value) -> value.startsWith("${vault.") || value.isEmpty() ? value : "**********");
        return shown;
    }

    private SubjectStatus status(SubjectKey key) {
        LockoutStore store = store();
        long now = clock.millis();
        SubjectEntity subject = store.subject(key).orElse(null);
        if (subject == null) {
            return new SubjectStatus(key.kind().value(), key.subject(), 0, 0, false, null, null);
        }
        LockoutConfig config = RealmLockoutConfig.of(realm);
        boolean locked = subject.getLockedUntil() > now;
        return new SubjectStatus(key.kind().value(), key.subject(),
                store.countFailures(subject.getId(), LockPolicyView.countSince(config, subject.getCountFrom(),
                        subject.getLockedUntil(), now)),
                store.countFailures(subject.getId(), 0), locked, locked ? subject.getLockLevel() : null,
                locked ? until(subject) : null);
    }

    private LockView view(SubjectEntity subject) {
        String username = null;
        if (SubjectKind.USER.value().equals(subject.getKind())) {
            UserModel user = session.users().getUserById(realm, subject.getSubject());
            username = user == null ? null : user.getUsername();
        }
        return new LockView(subject.getKind(), subject.getSubject(), username, subject.getLockLevel(),
                subject.getLockReason(), subject.getLockedAt() / 1000, until(subject));
    }

    private static Long until(SubjectEntity subject) {
        return LockLevel.PERMANENT.value().equals(subject.getLockLevel()) ? null : subject.getLockedUntil() / 1000;
    }

    private UserModel findUser(String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            auth.users().requireQuery();
            throw new NotFoundException("User not found");
        }
        return user;
    }

    /** An address (keyed as the listener keys it, e.g. into its /64) or a source key from the lock list. */
    private SubjectKey sourceKey(String address) {
        return RealmLockoutConfig.of(realm).sourcePrefix().keyOfAdminInput(address)
                .map(key -> SubjectKey.source(realm.getId(), key))
                .orElseThrow(() -> new NotFoundException("Source not found"));
    }

    private LockoutStore store() {
        return KeycloakTransactions.store(session);
    }
}

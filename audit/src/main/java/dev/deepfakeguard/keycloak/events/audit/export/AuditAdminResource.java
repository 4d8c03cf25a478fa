package dev.deepfakeguard.keycloak.events.audit.export;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import dev.deepfakeguard.keycloak.events.audit.AuditListenerFactory;
import dev.deepfakeguard.keycloak.events.audit.AuditStatus;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * {@code /admin/realms/{realm}/deepfake-guard-audit}: export (view-events), status (view-events) and GDPR erasure
 * of a user's personal parts (manage-users). Keycloak's admin layer has authenticated the caller already.
 */
public final class AuditAdminResource {

    static final String JSON_LINES = "application/jsonl";
    /** Admin event detail of an erasure: the number of personal parts deleted. */
    static final String ERASED_DETAIL = "dfg_erased";
    /** Keycloak user ids (UUIDs, or ids of federated users); the id also goes into the event's resource path. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@:+=-]{1,255}");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    AuditAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                       AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.CUSTOM);
    }

    @GET
    @Path("export")
    @Produces(JSON_LINES)
    public Response export(@QueryParam("from") Long from, @QueryParam("to") Long to) {
        auth.realm().requireViewEvents();
        AuditListenerFactory audit = factory();
        // Chain first, then take "now": the checkpoint this flush signs must fall inside the default range.
        audit.flush();
        long start = from == null ? 0 : from;
        long end = to == null ? System.currentTimeMillis() + 1 : to;
        if (start < 0 || end <= start) {
            throw new BadRequestException("from and to are epoch milliseconds with from < to");
        }
        // Written to a temporary file inside this request's transaction, streamed after it: the response body is
        // sent when the session is already closed.
        StreamingOutput body = new ExportSpool(null).spool(out -> new AuditExporter(store())
                .export(realm.getId(), realm.getName(), start, end, audit.heartbeatMillis(), out));
        return Response.ok(body, JSON_LINES).header("Content-Disposition",
                "attachment; filename=\"" + realm.getName() + "-audit.jsonl\"").build();
    }

    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public AuditStatus status() {
        auth.realm().requireViewEvents();
        return factory().status();
    }

    /**
     * GDPR erasure: deletes the personal parts of one user's records; the chain stays verifiable. The erasure itself
     * is an admin event ({@code DELETE} on {@code deepfake-guard-audit/personal/<user id>}, detail
     * {@code dfg_erased} = how many parts), which the audit listener records in the same transaction: who (the
     * admin's ids), whose (the pseudonymous user id), when, and nothing of the erased data.
     */
    @DELETE
    @Path("personal")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> erase(@QueryParam("userId") String userId) {
        auth.users().requireManage();
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new BadRequestException("userId is required: a Keycloak user id");
        }
        int erased = store().erasePersonal(userId, realm.getId());
        adminEvent.operation(OperationType.DELETE).resourcePath("deepfake-guard-audit", "personal", userId)
                .detail(ERASED_DETAIL, Integer.toString(erased)).success();
        return Map.of("erased", erased);
    }

    private AuditStore store() {
        return new AuditStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    private AuditListenerFactory factory() {
        return (AuditListenerFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(EventListenerProvider.class, AuditListenerFactory.PROVIDER_ID);
    }
}

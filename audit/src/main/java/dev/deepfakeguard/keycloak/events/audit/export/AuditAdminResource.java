package dev.deepfakeguard.keycloak.events.audit.export;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import dev.deepfakeguard.keycloak.events.audit.AuditStatus;
import dev.deepfakeguard.keycloak.events.audit.AuditTrail;
import dev.deepfakeguard.keycloak.events.audit.NodeRetirement;
import dev.deepfakeguard.keycloak.events.audit.jpa.AuditStore;

/**
 * {@code /admin/realms/{realm}/deepfake-guard-audit}: export (view-events), status (view-events), GDPR erasure
 * of a user's personal parts (manage-users) and the retirement of a departed node (manage-realm of the
 * administration realm). Keycloak's admin layer has authenticated the caller already.
 */
public final class AuditAdminResource {

    static final String JSON_LINES = "application/jsonl";
    static final String FORMAT_JSONL = "jsonl";
    static final String FORMAT_OCSF = "ocsf";
    /** Admin event detail of an erasure: the number of personal parts deleted. */
    static final String ERASED_DETAIL = "dfg_erased";
    /** Keycloak user ids (UUIDs, or ids of federated users); the id also goes into the event's resource path. */
    /** Admin event detail of a node retirement: the retired node id. */
    static final String RETIRED_DETAIL = "dfg_retired_node";
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:@+=-]{1,128}");
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

    /**
     * The realm's audit trail for {@code [from, to)}: the verifiable JSON Lines ({@code format=jsonl}, default) or
     * OCSF events for a SIEM ({@code format=ocsf}). Bounds are epoch milliseconds or ISO-8601 date-times; a bad
     * bound or format is a 400 that says what is expected, before anything is written.
     */
    @GET
    @Path("export")
    @Produces(JSON_LINES)
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("format") String format) {
        auth.realm().requireViewEvents();
        boolean ocsf = ocsf(format);
        window(from, to);
        AuditTrail audit = trail();
        // Chain first, then take "now": the checkpoint this flush signs must fall inside the default range.
        audit.flush();
        ExportWindow window = window(from, to);
        // Written to a temporary file inside this request's transaction, streamed after it: the response body is
        // sent when the session is already closed.
        StreamingOutput body = new ExportSpool(null).spool(out -> {
            if (ocsf) {
                new OcsfExporter(store()).export(realm.getId(), realm.getName(), window, out);
            } else {
                new AuditExporter(store()).export(realm.getId(), realm.getName(), window.from(), window.to(),
                        audit.heartbeatMillis(), out);
            }
        });
        return Response.ok(body, JSON_LINES).header("Content-Disposition", "attachment; filename=\""
                + realm.getName() + (ocsf ? "-audit-ocsf.jsonl" : "-audit.jsonl") + "\"").build();
    }

    private static ExportWindow window(String from, String to) {
        try {
            return ExportWindow.parse(from, to, System.currentTimeMillis());
        } catch (IllegalArgumentException e) {
            throw ErrorResponse.error(e.getMessage(), Response.Status.BAD_REQUEST);
        }
    }

    private static boolean ocsf(String format) {
        if (format == null || format.isBlank() || FORMAT_JSONL.equals(format)) {
            return false;
        }
        if (FORMAT_OCSF.equals(format)) {
            return true;
        }
        throw ErrorResponse.error("format must be " + FORMAT_JSONL + " or " + FORMAT_OCSF,
                Response.Status.BAD_REQUEST);
    }

    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public AuditStatus status() {
        auth.realm().requireViewEvents();
        return trail().status();
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

    /**
     * Retires a departed node id for good (server-wide, so only for admins of the administration realm with
     * manage-realm): a live node then closes its last epoch with a hand-over record and chains its orphaned records.
     * Refused while the node still renews its hold on the id. An admin event ({@code ACTION} on
     * {@code deepfake-guard-audit/nodes/<node>/retire}), which the audit listener records.
     */
    @POST
    @Path("nodes/{node}/retire")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> retire(@PathParam("node") String node) {
        auth.realm().requireManageRealm();
        if (!Config.getAdminRealm().equals(realm.getName())) {
            throw new ForbiddenException("node ids are retired through the administration realm");
        }
        if (node == null || !NODE_ID.matcher(node).matches()) {
            throw new BadRequestException("node must be a node id: 1-128 characters of [A-Za-z0-9._:@+=-]");
        }
        NodeRetirement.Result result = trail().retire(node, System.currentTimeMillis());
        switch (result.outcome()) {
            case UNKNOWN -> throw new NotFoundException("no audit records or checkpoints of node " + node);
            case SELF -> throw conflict("this is the node answering; retire a node that is gone");
            case LIVE -> throw conflict("node " + node + " renewed its hold on its id within the lease: it is alive");
            case ALREADY_RETIRED -> throw conflict("node " + node + " is retired already");
            default -> { }
        }
        adminEvent.operation(OperationType.ACTION).resourcePath("deepfake-guard-audit", "nodes", node, "retire")
                .detail(RETIRED_DETAIL, node).success();
        return Map.of("node", node, "retired", true, "orphans", result.orphans());
    }

    private static ClientErrorException conflict(String message) {
        return new ClientErrorException(Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message)).build());
    }

    private AuditStore store() {
        return new AuditStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    private AuditTrail trail() {
        return session.getProvider(AuditTrail.class);
    }
}

package dev.deepfakeguard.keycloak.events.audit.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

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
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import dev.deepfakeguard.keycloak.events.audit.AuditListenerFactory;
import dev.deepfakeguard.keycloak.events.audit.AuditStatus;

/**
 * {@code /admin/realms/{realm}/deepfake-guard-audit}: export (view-events), status (view-events) and GDPR erasure
 * of a user's personal parts (manage-users). Keycloak's admin layer has authenticated the caller already.
 */
public final class AuditAdminResource {

    static final String JSON_LINES = "application/jsonl";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    AuditAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
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
        java.nio.file.Path file;
        try {
            file = Files.createTempFile("dfg-audit-export", ".jsonl");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                new AuditExporter(session.getProvider(JpaConnectionProvider.class).getEntityManager())
                        .export(realm.getId(), realm.getName(), start, end, audit.heartbeatMillis(), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("audit export could not be written", e);
        }
        StreamingOutput body = output -> {
            try {
                Files.copy(file, output);
            } finally {
                Files.deleteIfExists(file);
            }
        };
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

    /** GDPR erasure: deletes the personal parts of one user's records; the chain stays verifiable. */
    @DELETE
    @Path("personal")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> erase(@QueryParam("userId") String userId) {
        auth.users().requireManage();
        if (userId == null || userId.isBlank()) {
            throw new BadRequestException("userId is required");
        }
        int erased = session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createQuery("delete from AuditPersonalEntity p where p.userId = :user and p.recordId in "
                        + "(select r.id from AuditRecordEntity r where r.realmId = :realm)")
                .setParameter("user", userId).setParameter("realm", realm.getId()).executeUpdate();
        return Map.of("erased", erased);
    }

    private AuditListenerFactory factory() {
        return (AuditListenerFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(EventListenerProvider.class, AuditListenerFactory.PROVIDER_ID);
    }
}

package dev.deepfakeguard.keycloak.compliance;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/deepfake-guard-compliance}: the realm's compliance report as JSON, and as a page a
 * person can read ({@code /report.html}). Permission: view-realm. Keycloak's admin layer has authenticated the
 * caller already.
 */
public final class ComplianceResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    ComplianceResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ComplianceReport report() {
        auth.realm().requireViewRealm();
        return new ComplianceReporter(session, realm).report();
    }

    @GET
    @Path("report.html")
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        auth.realm().requireViewRealm();
        return Response.ok(ComplianceHtml.render(new ComplianceReporter(session, realm).report()),
                        MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff").build();
    }
}

package dev.deepfakeguard.keycloak.helpdesk.api;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.deepfakeguard.keycloak.helpdesk.Agent;
import dev.deepfakeguard.keycloak.helpdesk.HelpdeskRefusal;
import dev.deepfakeguard.keycloak.helpdesk.HelpdeskRequests;
import dev.deepfakeguard.keycloak.helpdesk.HelpdeskSettings;
import dev.deepfakeguard.keycloak.helpdesk.StateEvents;
import dev.deepfakeguard.keycloak.helpdesk.UserLookup;

/**
 * The agents' API under {@code /realms/{realm}/deepfake-guard-helpdesk}. Every answer is a state or a refusal code;
 * no answer ever carries a link, a code, a score or an image.
 */
public final class HelpdeskResource {

    private static final Logger LOG = Logger.getLogger(HelpdeskResource.class);

    private final KeycloakSession session;
    private final HelpdeskSettings settings;
    private final Clock clock;

    HelpdeskResource(KeycloakSession session, HelpdeskSettings settings, Clock clock) {
        this.session = session;
        this.settings = settings;
        this.clock = clock;
    }

    /** Start body: which user, and the agent's ticket reference. */
    public record StartBody(String userId, String ticket) {
    }

    /** Code body: what the caller read back. */
    public record CodeBody(String code) {
    }

    /** The agent page; its own sign-in (PKCE) comes back here with the code. */
    @GET
    @Path("/")
    public Response page() {
        URI uri = session.getContext().getUri().getRequestUri();
        if (!uri.getPath().endsWith("/")) {
            // The page's relative files and its sign-in redirect expect the trailing slash.
            return Response.status(Response.Status.FOUND)
                    .location(session.getContext().getUri().getRequestUriBuilder().replacePath(uri.getPath() + "/")
                            .build()).build();
        }
        return AgentPage.serve("index.html");
    }

    @GET
    @Path("{file: page\\.(js|css)}")
    public Response pageFile(@PathParam("file") String file) {
        return AgentPage.serve(file);
    }

    @GET
    @Path("users")
    @Produces(MediaType.APPLICATION_JSON)
    public Response users(@QueryParam("search") String search) {
        return answer(agent -> new UserLookup(session, realm(), settings).search(agent, search));
    }

    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(StartBody body) {
        return answer(agent -> requests().start(agent, body == null ? null : body.userId(),
                body == null ? null : body.ticket()));
    }

    @GET
    @Path("requests/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@PathParam("id") String id) {
        return answer(agent -> requests().status(agent, id));
    }

    @POST
    @Path("requests/{id}/code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response code(@PathParam("id") String id, CodeBody body) {
        return answer(agent -> requests().enterCode(agent, id, body == null ? null : body.code()));
    }

    @POST
    @Path("requests/{id}/approve")
    @Produces(MediaType.APPLICATION_JSON)
    public Response approve(@PathParam("id") String id) {
        return answer(agent -> requests().approve(agent, id));
    }

    @POST
    @Path("requests/{id}/reset")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reset(@PathParam("id") String id) {
        return answer(agent -> requests().issueReset(agent, id));
    }

    @POST
    @Path("requests/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id) {
        return answer(agent -> requests().cancel(agent, id));
    }

    private Response answer(Function<Agent, Object> action) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        Agent agent = AgentAuthenticator.authenticate(session, realm()).orElse(null);
        if (agent == null) {
            return Response.status(Response.Status.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                    .entity(Map.of("error", "not_authorized")).type(MediaType.APPLICATION_JSON)
                    .cacheControl(noStore).build();
        }
        try {
            return Response.ok(action.apply(agent)).cacheControl(noStore).build();
        } catch (HelpdeskRefusal refusal) {
            LOG.infof("Helpdesk refused agent %s in realm %s: %s (%s)", agent.id(), realm().getName(),
                    refusal.refusal().error(), refusal.getMessage());
            new StateEvents(session, realm()).refused(agent.auth(), calledPath(), refusal.refusal());
            return Response.status(refusal.refusal().status()).entity(Map.of("error", refusal.refusal().error()))
                    .type(MediaType.APPLICATION_JSON).cacheControl(noStore).build();
        }
    }

    /** The path below this API, e.g. {@code requests/<id>/code}. */
    private String calledPath() {
        String path = session.getContext().getUri().getPath();
        int at = path.indexOf(HelpdeskResourceFactory.PROVIDER_ID + "/");
        return at < 0 ? "" : path.substring(at + HelpdeskResourceFactory.PROVIDER_ID.length() + 1);
    }

    private HelpdeskRequests requests() {
        return new HelpdeskRequests(session, realm(), settings, clock);
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }
}

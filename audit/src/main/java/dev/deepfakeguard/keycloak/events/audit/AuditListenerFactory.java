package dev.deepfakeguard.keycloak.events.audit;

import java.util.List;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import dev.deepfakeguard.keycloak.provider.StatelessFactory;

/**
 * The {@code deepfake-guard-audit} event listener. Global, so that it records every realm and no realm admin can
 * switch it off from the realm's event settings. It hands events to this node's {@link AuditTrail}
 * ({@link NodeAuditTrailFactory} owns the chain, key and chainer thread); the trail's options keep this listener's
 * names, and this factory describes them.
 */
public final class AuditListenerFactory implements EventListenerProviderFactory,
        StatelessFactory<EventListenerProvider> {

    public static final String PROVIDER_ID = "deepfake-guard-audit";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AuditListener(session.getProvider(AuditTrail.class));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("nodeId").type("string")
                .helpText("Name of this node's chain, unique among the nodes and stable across restarts. Default: the "
                        + "host name plus an installation id kept in <data>/deepfake-guard-audit/node-id.").add()
                .property().name("keystore").type("string")
                .helpText("Keystore with the audit signing key (Ed25519, RSA or EC). Empty: a development key is "
                        + "generated at every start, with a warning.").add()
                .property().name("keystoreType").type("string").defaultValue("PKCS12")
                .helpText("Type of the keystore.").add()
                .property().name("keystorePassword").type("password").secret(true)
                .helpText("Keystore password; give it through Keycloak's config keystore or an environment "
                        + "variable, never on the command line.").add()
                .property().name("keyAlias").type("string").defaultValue("deepfake-guard-audit")
                .helpText("Alias of the audit key; a new alias or key is a key rotation, recorded in the chain.")
                .add()
                .property().name("keyPassword").type("password").secret(true)
                .helpText("Password of the key entry; default: the keystore password.").add()
                .property().name("required").type("boolean").defaultValue(false)
                .helpText("true: an action whose audit record cannot be written is rolled back (fail closed). "
                        + "false: it proceeds, and the failure is logged as DFG-AUDIT-ALERT, counted and chained.")
                .add()
                .property().name("chainIntervalMillis").type("long").defaultValue(1000L)
                .helpText("How often committed records are chained and a checkpoint signed (100-60000).").add()
                .property().name("heartbeatMillis").type("long").defaultValue(60_000L)
                .helpText("Longest time without a checkpoint when idle, so a cut-off tail shows (up to 3600000)."
                ).add()
                .property().name("batchSize").type("int").defaultValue(5000)
                .helpText("Most records chained per round (1-100000).").add()
                .property().name("witnessDir").type("string")
                .helpText("Directory on the node's own disk where it notes how far its chain is signed, so that "
                        + "the end of an epoch deleted from the database while the node is down is exposed. "
                        + "Default: deepfake-guard-audit in Keycloak's data directory.").add()
                .build();
    }
}

package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.challenge.ChallengeIssuer;
import dev.deepfakeguard.keycloak.face.reference.FaceReferenceCredentialModel;
import dev.deepfakeguard.keycloak.lockout.SessionLockoutLookup;
import dev.deepfakeguard.keycloak.lockout.UserAttributeLockoutLookup;
import dev.deepfakeguard.keycloak.metrics.LivenessMeters;
import dev.deepfakeguard.keycloak.scoring.LivenessScorer;
import dev.deepfakeguard.keycloak.scoring.LivenessScorerFactory;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import dev.deepfakeguard.keycloak.flow.StepFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** "Deepfake Guard – Liveness check": one stateless authenticator shared by all requests. */
public final class LivenessAuthenticatorFactory implements StepFactory {

    private static final Logger LOG = Logger.getLogger(LivenessAuthenticatorFactory.class);

    public static final String PROVIDER_ID = "deepfake-guard-liveness";
    /** The {@code amr} value and the LoA reference category of a passed check. */
    public static final String AMR_REFERENCE = "liveness";

    /**
     * No ALTERNATIVE: a sibling branch (a password-only path, another authenticator) would let the person skip the
     * check. A step that finds itself ALTERNATIVE anyway refuses every sign-in (see LivenessAuthenticator).
     */
    private LivenessAuthenticator authenticator;
    /** Built once every scorer factory is known (postInit); until then only the step's own settings. */
    private List<ProviderConfigProperty> configProperties = LivenessConfigProperties.create(List.of());

    @Override
    public void init(Config.Scope config) {
        Clock clock = Clock.systemUTC();
        LivenessMeters meters = LivenessMeters.global();
        authenticator = new LivenessAuthenticator(new ChallengeIssuer(new SecureRandom(), clock),
                new LivenessScoring(clock, meters), new SessionLockoutLookup(new UserAttributeLockoutLookup(clock)), clock,
                meters);
    }

    /**
     * Offers every registered scorer, ours and third parties', with their help texts and settings; gives every new
     * realm its pseudonym key in the transaction that creates it, so no burst of first sign-ins has to.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        configProperties = LivenessConfigProperties.create(factory.getProviderFactoriesStream(LivenessScorer.class)
                .filter(LivenessScorerFactory.class::isInstance).map(LivenessScorerFactory.class::cast).toList());
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                try {
                    SubjectPseudonyms.ensureKey(created.getCreatedRealm());
                } catch (RuntimeException e) {
                    // Never a reason to refuse a realm (the master realm included): its first check makes the key.
                    LOG.warnf("Deepfake Guard could not create the pseudonym key of new realm %s (%s); its first "
                            + "liveness check will", created.getCreatedRealm().getName(), e.toString());
                }
            }
        });
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Deepfake Guard – Liveness check";
    }

    @Override
    public String getReferenceCategory() {
        return AMR_REFERENCE;
    }

    /** Lists the face reference in the account console wherever this step is in an active flow. */
    @Override
    public Set<String> getOptionalReferenceCategories(KeycloakSession session) {
        return Set.of(FaceReferenceCredentialModel.TYPE);
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public String getHelpText() {
        return "Asks the person to look at the screen while it changes colour and to turn their head when prompted, "
                + "and checks, with the configured scorer, that a live person and not a photo, a replayed or an "
                + "injected video is in front of the camera. Place it after the user is known (e.g. after the "
                + "password).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return configProperties;
    }
}

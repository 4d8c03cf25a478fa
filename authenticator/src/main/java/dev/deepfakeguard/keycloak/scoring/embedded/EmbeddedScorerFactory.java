package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.scoring.LivenessScorer;
import dev.deepfakeguard.keycloak.scoring.LivenessScorerFactory;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * The default scorer, needing no vendor. Owns the node's one face-model session: loaded in {@link #init}, closed in
 * {@link #close}. Server-wide option (read once at start):
 * {@code --spi-deepfake-guard-scorer-embedded-replay-ttl-seconds} (default 86400), how long submitted media is
 * remembered for replay detection.
 */
public final class EmbeddedScorerFactory implements LivenessScorerFactory {

    public static final String PROVIDER_ID = "embedded";
    static final String REPLAY_TTL_OPTION = "replay-ttl-seconds";
    static final long DEFAULT_REPLAY_TTL_SECONDS = 86_400;

    private final FaceAnalysis.ModelSource modelSource;
    private long replayTtlSeconds = DEFAULT_REPLAY_TTL_SECONDS;
    private FaceAnalysis faces;

    public EmbeddedScorerFactory() {
        this(FaceModel::bundled);
    }

    EmbeddedScorerFactory(FaceAnalysis.ModelSource modelSource) {
        this.modelSource = modelSource;
    }

    @Override
    public LivenessScorer create(KeycloakSession session) {
        return new EmbeddedScorer(new SingleUseReplayStore(session.singleUseObjects(), replayTtlSeconds), faces());
    }

    @Override
    public void init(Config.Scope config) {
        Long configured = config.getLong(REPLAY_TTL_OPTION, DEFAULT_REPLAY_TTL_SECONDS);
        if (configured == null || configured <= 0) {
            throw new IllegalArgumentException(REPLAY_TTL_OPTION + " must be a positive number of seconds");
        }
        replayTtlSeconds = configured;
        faces = FaceAnalysis.load(modelSource);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
        if (faces != null) {
            faces.close();
        }
    }

    /** The node's face analysis; unavailable (never null) if {@link #init} did not run or failed. */
    FaceAnalysis faces() {
        if (faces == null) {
            faces = FaceAnalysis.load(() -> {
                throw new FaceModelException(FaceModelException.UNAVAILABLE, "scorer factory not initialised", null);
            });
        }
        return faces;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    long replayTtlSeconds() {
        return replayTtlSeconds;
    }

    @Override
    public String getHelpText() {
        return "no vendor, nothing leaves this server: face detection, head-turn prompts, screen light reflected by "
                + "the face, replay and injection signals. A heuristic, not certified presentation-attack detection.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(REPLAY_TTL_OPTION)
                .type("int")
                .helpText("How long fingerprints of submitted frames are remembered, cluster-wide, to detect replays.")
                .defaultValue(DEFAULT_REPLAY_TTL_SECONDS)
                .add()
                .build();
    }
}

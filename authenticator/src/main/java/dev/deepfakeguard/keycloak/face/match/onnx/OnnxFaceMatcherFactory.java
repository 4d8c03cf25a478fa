package dev.deepfakeguard.keycloak.face.match.onnx;

import dev.deepfakeguard.keycloak.face.match.FaceMatcher;
import dev.deepfakeguard.keycloak.face.match.FaceMatcherFactory;
import dev.deepfakeguard.keycloak.scoring.embedded.FaceAnalysis;
import dev.deepfakeguard.keycloak.scoring.embedded.FaceLocator;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderConfigurationBuilder.ProviderConfigPropertyBuilder;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * The embedded face matcher. Owns its own BlazeFace session and the operator's embedding model, both loaded once in
 * {@link #init} and closed in {@link #close}. Loading never throws: without a model, or with a wrong one, matching is
 * unavailable (logged once at start-up) and each flow's policy decides what that means — never an allow where a
 * match is required.
 */
public final class OnnxFaceMatcherFactory implements FaceMatcherFactory {

    public static final String PROVIDER_ID = "onnx";
    private static final Logger LOG = Logger.getLogger(OnnxFaceMatcherFactory.class);

    private FaceMatcher matcher = new UnavailableFaceMatcher("face matcher not initialised", false);
    private FaceAnalysis faces;
    private EmbeddingModel model;

    @Override
    public FaceMatcher create(KeycloakSession session) {
        return matcher;
    }

    @Override
    public void init(Config.Scope config) {
        load(config::get);
    }

    /** Loads from options read through {@code option}; also the seam for tests and benchmarks. */
    FaceMatcher load(Function<String, String> option) {
        EmbeddingSettings settings;
        try {
            settings = EmbeddingSettings.read(option);
        } catch (IllegalArgumentException e) {
            if (option.apply(EmbeddingSettings.MODEL_PATH) == null) {
                LOG.infof("Deepfake Guard face matching is off: no %s configured", EmbeddingSettings.MODEL_PATH);
                matcher = new UnavailableFaceMatcher("no embedding model configured", false);
                return matcher;
            }
            return unavailable("misconfigured: " + e.getMessage());
        }
        try {
            model = EmbeddingModel.open(settings);
        } catch (IOException e) {
            return unavailable(e.getMessage());
        }
        faces = FaceAnalysis.load();
        if (!faces.isAvailable()) {
            return unavailable("the face detector is unavailable (see the embedded scorer's start-up log)");
        }
        matcher = new OnnxFaceMatcher(new FaceLocator(faces), model);
        LOG.infof("Deepfake Guard face matching: embedding model %s loaded", settings.modelId());
        return matcher;
    }

    private FaceMatcher unavailable(String why) {
        LOG.warnf("Deepfake Guard face matching is unavailable (%s). Sign-ins of users with a face reference end in "
                + "each flow's fallback until this is fixed; see docs/face-reference.md.", why);
        matcher = new UnavailableFaceMatcher(why, true);
        return matcher;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
        if (faces != null) {
            faces.close();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        option(builder, EmbeddingSettings.MODEL_PATH, "string", null,
                "Path of the ONNX face embedding model (not shipped; see docs/face-reference.md).");
        option(builder, EmbeddingSettings.MODEL_SHA256, "string", null,
                "Pinned SHA-256 of the model file, lower-case hex; another file is refused.");
        option(builder, EmbeddingSettings.INPUT_SIZE, "int", 112, "Side of the aligned face crop in pixels.");
        option(builder, EmbeddingSettings.PIXEL_MEAN, "string", "127.5", "Subtracted from each channel value.");
        option(builder, EmbeddingSettings.PIXEL_SCALE, "string", "127.5", "Channel values are divided by this.");
        option(builder, EmbeddingSettings.CHANNEL_ORDER, "string", "rgb", "rgb or bgr.");
        option(builder, EmbeddingSettings.OUTPUT_DIMENSION, "int", 512, "Length of the embedding.");
        return builder.build();
    }

    private static void option(ProviderConfigurationBuilder builder, String name, String type, Object defaultValue,
                               String help) {
        ProviderConfigPropertyBuilder property = builder.property().name(name).type(type).helpText(help);
        if (defaultValue != null) {
            property.defaultValue(defaultValue);
        }
        property.add();
    }
}

package dev.deepfakeguard.keycloak.scoring;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;

import java.util.List;

/**
 * Factory of a {@link LivenessScorer}; its id is what the liveness step's configuration selects. Every registered
 * factory (this JAR's and any third party's, through {@code META-INF/services}) is offered in the step's scorer
 * choice in the admin console, with its own help text and settings.
 */
public interface LivenessScorerFactory extends ProviderFactory<LivenessScorer> {

    /** One or two sentences for the admin choosing a scorer: what it checks and where the frames go. */
    default String getHelpText() {
        return "";
    }

    /**
     * Settings of this scorer in the liveness step's configuration, shown after the step's own. Use keys of your own
     * prefix (the built-in http scorer uses {@code dfg.http.}); read them from {@link ScoringRequest#settings()}.
     */
    default List<ProviderConfigProperty> getStepConfigProperties() {
        return List.of();
    }
}

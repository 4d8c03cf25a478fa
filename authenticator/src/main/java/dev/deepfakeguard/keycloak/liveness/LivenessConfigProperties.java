package dev.deepfakeguard.keycloak.liveness;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import dev.deepfakeguard.keycloak.face.reference.FaceMatchConfig;
import dev.deepfakeguard.keycloak.scoring.LivenessScorerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What an admin sees when configuring the liveness step in the flow editor. */
final class LivenessConfigProperties {

    private LivenessConfigProperties() {
    }

    /**
     * @param scorers every registered scorer factory; the default scorer comes first in the choice, the others by id,
     *                each followed in the form by its own settings
     */
    static List<ProviderConfigProperty> create(List<? extends LivenessScorerFactory> scorers) {
        List<LivenessScorerFactory> ordered = new ArrayList<>(scorers);
        ordered.sort(Comparator.comparing((LivenessScorerFactory scorer) ->
                !LivenessConfig.DEFAULT_SCORER.equals(scorer.getId())).thenComparing(LivenessScorerFactory::getId));
        List<String> ids = ordered.stream().map(LivenessScorerFactory::getId).toList();
        StringBuilder help = new StringBuilder("Who scores the frames.");
        for (LivenessScorerFactory scorer : ordered) {
            String text = scorer.getHelpText();
            help.append(" '").append(scorer.getId()).append("'")
                    .append(LivenessConfig.DEFAULT_SCORER.equals(scorer.getId()) ? " (default)" : "")
                    .append(text == null || text.isBlank() ? "." : ": " + text.strip());
        }
        List<ProviderConfigProperty> properties = new ArrayList<>(ProviderConfigurationBuilder.create()
                .property().name(LivenessConfig.SCORER).label("Scorer")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(ids.isEmpty() ? List.of(LivenessConfig.DEFAULT_SCORER) : ids)
                .defaultValue(LivenessConfig.DEFAULT_SCORER)
                .helpText(help.toString())
                .add()
                .property().name(LivenessConfig.FLOW).label("Policy")
                .type(ProviderConfigProperty.LIST_TYPE).options("login", "password_reset", "admin")
                .defaultValue("login")
                .helpText("Which default thresholds apply: login (allow ≥ 6000, step-up ≥ 4000) or the stricter "
                        + "password_reset and admin (allow ≥ 8500, step-up ≥ 7000). Fields below override them.")
                .add()
                .property().name(LivenessConfig.ALLOW_THRESHOLD).label("Allow at or above")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Liveness score in basis points (0–10000) from which the check passes. "
                        + "Empty = the policy's default.")
                .add()
                .property().name(LivenessConfig.STEP_UP_THRESHOLD).label("Step up at or above")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Liveness score from which the person may continue with a second factor instead of "
                        + "being denied. Must not exceed the allow threshold. Empty = the policy's default.")
                .add()
                .property().name(LivenessConfig.SYNTHETIC_DENY_THRESHOLD).label("Deny synthetic at or above")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Synthetic-media score (basis points) from which the check is denied whatever the "
                        + "liveness score. Default 5000.")
                .add()
                .property().name(LivenessConfig.FALLBACK).label("When no verdict is possible")
                .type(ProviderConfigProperty.LIST_TYPE).options("step_up", "deny")
                .defaultValue("step_up")
                .helpText("What happens when the scorer fails or the person has no usable camera. Never allows: "
                        + "'step_up' requires a second factor (place 'Condition – Deepfake Guard risk' after this "
                        + "step), 'deny' refuses.")
                .add()
                .property().name(LivenessConfig.MAX_ATTEMPTS).label("Attempts per sign-in")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(LivenessConfig.DEFAULT_MAX_ATTEMPTS))
                .helpText("How many checks a person may try in one sign-in (1–10) before it fails.")
                .add()
                .property().name(LivenessConfig.CHALLENGE_TTL_SECONDS).label("Challenge lifetime (seconds)")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(LivenessConfig.DEFAULT_CHALLENGE_TTL_SECONDS))
                .helpText("How long an issued challenge can be answered (5–600 seconds).")
                .add()
                .property().name(LivenessConfig.ANALYSED_BY).label("Analysed by (disclosure)")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Who analyses the images, as shown to the person before they consent, e.g. the "
                        + "vendor's name. Empty = this sign-in service.")
                .add()
                .build());
        properties.addAll(FaceMatchConfig.properties());
        for (LivenessScorerFactory scorer : ordered) {
            properties.addAll(scorer.getStepConfigProperties());
        }
        return List.copyOf(properties);
    }
}

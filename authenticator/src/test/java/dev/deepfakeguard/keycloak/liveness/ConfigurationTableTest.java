package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.condition.RiskConditionFactory;
import dev.deepfakeguard.keycloak.face.reference.EnrolFaceReferenceActionFactory;
import dev.deepfakeguard.keycloak.scoring.embedded.EmbeddedScorerFactory;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerFactory;
import dev.deepfakeguard.keycloak.stepup.SecondFactorGuardFactory;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration tables are generated from the factories, so they cannot drift from what the flow
 * editor shows. When this fails, paste the tables written to {@code authenticator/target/configuration-tables.md}
 * into the README.
 */
class ConfigurationTableTest {

    private static final Path README = Path.of("..", "README.md");

    private static final Path STEP_UP_DOC = Path.of("..", "docs", "step-up.md");

    private static final Path FACE_DOC = Path.of("..", "docs", "face-reference.md");

    private static final Path GENERATED = Path.of("target", "configuration-tables.md");

    @Test
    void readmeListsEveryLivenessAndRiskConditionSetting() throws IOException {
        String liveness = table(LivenessConfigProperties.create(List.of(new EmbeddedScorerFactory(),
                new HttpScorerFactory())));
        String risk = table(new RiskConditionFactory().getConfigProperties());
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, "### Liveness check\n\n" + liveness + "\n### Risk condition\n\n" + risk);

        assertThat(Files.readString(README)).contains(liveness).contains(risk);
    }

    @Test
    void stepUpDocListsEverySecondFactorGuardSetting() throws IOException {
        String guard = table(new SecondFactorGuardFactory().getConfigProperties());
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED.resolveSibling("second-factor-table.md"), guard);

        assertThat(Files.readString(STEP_UP_DOC)).contains(guard);
    }

    @Test
    void faceReferenceDocListsEveryEnrolmentSetting() throws IOException {
        String enrolment = table(new EnrolFaceReferenceActionFactory().getConfigMetadata());
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED.resolveSibling("enrolment-table.md"), enrolment);

        assertThat(Files.readString(FACE_DOC)).contains(enrolment);
    }

    static String table(List<ProviderConfigProperty> properties) {
        StringBuilder out = new StringBuilder("| key | type | default | meaning |\n| --- | --- | --- | --- |\n");
        for (ProviderConfigProperty property : properties) {
            Object defaultValue = property.getDefaultValue();
            out.append("| `").append(property.getName()).append("` | ")
                    .append(type(property)).append(" | ")
                    .append(defaultValue == null || defaultValue.toString().isEmpty() ? "—" : "`" + defaultValue + "`")
                    .append(" | ").append(property.getHelpText().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    private static String type(ProviderConfigProperty property) {
        if (ProviderConfigProperty.LIST_TYPE.equals(property.getType()) && property.getOptions() != null) {
            return String.join(" \\| ", property.getOptions());
        }
        return property.getType().toLowerCase(Locale.ROOT);
    }
}

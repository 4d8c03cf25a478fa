package dev.deepfakeguard.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.deepfakeguard.keycloak.it.support.ItSettings;

/**
 * The theme's template.ftl is keycloak.v2's with one accessibility fix (see the comment at its top). It replaces
 * Keycloak's for every login page of the theme, so it must follow the Keycloak the project is built and tested with.
 */
class ThemeTemplateIT {

    private static final String OURS = "theme/deepfake-guard/login/template.ftl";
    private static final String KEYCLOAK_V2 = "theme/keycloak.v2/login/template.ftl";
    private static final String UNLABELLED = "  <@field.group name=\"username\" label=label>\n";
    private static final String LABELLED = "  <@field.group name=\"kc-attempted-username\" label=label>\n";

    @Test
    @DisplayName("Given the Keycloak distribution of this build, then our template is its keycloak.v2 template with "
            + "exactly the label fix")
    void templateIsKeycloakV2WithTheLabelFix() throws IOException {
        String upstream = keycloakV2Template();
        assertThat(upstream).as("keycloak.v2's template still has the line the fix changes")
                .containsOnlyOnce(UNLABELLED);

        assertThat(withoutLeadingComment(ours()))
                .as("deepfake-guard's template.ftl = keycloak.v2's of this Keycloak with the label fix; if Keycloak "
                        + "changed its template, copy it again and re-apply the fix")
                .isEqualTo(upstream.replace(UNLABELLED, LABELLED));
    }

    private static String ours() throws IOException {
        try (InputStream in = ThemeTemplateIT.class.getClassLoader().getResourceAsStream(OURS)) {
            assertThat(in).as(OURS + " on the test class path (the theme JAR)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String keycloakV2Template() throws IOException {
        Path lib = ItSettings.keycloakHome().resolve("lib/lib/main");
        List<Path> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.filter(f -> f.getFileName().toString()
                    .matches("org\\.keycloak\\.keycloak-themes-[0-9].*\\.jar")).toList();
        }
        assertThat(jars).as("Keycloak's themes JAR in " + lib).hasSize(1);
        try (JarFile jar = new JarFile(jars.get(0).toFile())) {
            var entry = jar.getJarEntry(KEYCLOAK_V2);
            assertThat(entry).as(KEYCLOAK_V2 + " in " + jars.get(0)).isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Our template starts with a FreeMarker comment that explains the copy. */
    private static String withoutLeadingComment(String template) {
        assertThat(template).startsWith("<#--");
        return template.substring(template.indexOf("-->\n") + "-->\n".length());
    }
}

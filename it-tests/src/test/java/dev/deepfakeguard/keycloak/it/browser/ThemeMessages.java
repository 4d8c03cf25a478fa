package dev.deepfakeguard.keycloak.it.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The English texts of the deepfake-guard login theme, read from the theme JAR on the test classpath. */
final class ThemeMessages {

    private static final String ENGLISH = "theme/deepfake-guard/login/messages/messages_en.properties";

    private ThemeMessages() {
    }

    static String english(String key) {
        try (InputStream in = ThemeMessages.class.getClassLoader().getResourceAsStream(ENGLISH)) {
            if (in == null) {
                throw new IllegalStateException(ENGLISH + " is not on the test classpath");
            }
            Properties messages = new Properties();
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            String text = messages.getProperty(key);
            if (text == null) {
                throw new IllegalStateException("no message " + key + " in " + ENGLISH);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

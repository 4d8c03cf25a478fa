package dev.deepfakeguard.keycloak.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** The English texts of the deepfake-guard login theme, read from the theme JAR on the test classpath. */
public final class ThemeText {

    private static final String ENGLISH = "theme/deepfake-guard/login/messages/messages_en.properties";

    private ThemeText() {
    }

    /** The text a person reads for {@code key} (MessageFormat applied, as Keycloak does). */
    public static String english(String key) {
        try (InputStream in = ThemeText.class.getClassLoader().getResourceAsStream(ENGLISH)) {
            if (in == null) {
                throw new IllegalStateException(ENGLISH + " is not on the test classpath");
            }
            Properties messages = new Properties();
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            String text = messages.getProperty(key);
            if (text == null) {
                throw new IllegalStateException("no message " + key + " in " + ENGLISH);
            }
            return new MessageFormat(text, Locale.ENGLISH).format(new Object[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

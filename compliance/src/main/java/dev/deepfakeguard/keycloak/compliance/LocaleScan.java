package dev.deepfakeguard.keycloak.compliance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.Theme;

import dev.deepfakeguard.keycloak.compliance.ComplianceReport.Flag;
import dev.deepfakeguard.keycloak.compliance.ComplianceReport.LocaleText;

/**
 * For every locale the realm offers: are the disclosure and the consent label there, in the realm's login theme or
 * as realm localization texts? A person who reads another language would otherwise be asked to consent to
 * something described in a language they may not read.
 */
final class LocaleScan {

    static final String DISCLOSURE_KEY = "dfgDisclosureWhat";
    static final String CONSENT_KEY = "dfgConsentLabel";
    static final String LIVENESS_TEMPLATE = "deepfake-guard-liveness.ftl";
    private static final Logger LOG = Logger.getLogger(LocaleScan.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final List<LocaleText> texts = new ArrayList<>();
    private final List<Flag> flags = new ArrayList<>();
    private boolean livenessPage;

    LocaleScan(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    LocaleScan run() {
        Theme theme;
        try {
            theme = session.theme().getTheme(realm.getLoginTheme(), Theme.Type.LOGIN);
            livenessPage = theme != null && theme.getTemplate(LIVENESS_TEMPLATE) != null;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("compliance report: login theme of realm %s not readable: %s", realm.getName(), e.toString());
            theme = null;
        }
        if (!livenessPage) {
            flags.add(Flag.error("theme_without_liveness_page", "theme", "The realm's login theme ("
                    + (realm.getLoginTheme() == null ? "default" : realm.getLoginTheme()) + ") has no liveness page; "
                    + "use the deepfake-guard theme or one that extends it."));
        }
        Properties english = themeMessages(theme, Locale.ENGLISH);
        for (String tag : locales()) {
            Properties messages = themeMessages(theme, Locale.forLanguageTag(tag));
            Map<String, String> overrides = realm.getRealmLocalizationTextsByLocale(tag);
            boolean isEnglish = Locale.forLanguageTag(tag).getLanguage().equals(Locale.ENGLISH.getLanguage());
            boolean disclosure = present(messages, english, overrides, DISCLOSURE_KEY, isEnglish);
            boolean consent = present(messages, english, overrides, CONSENT_KEY, isEnglish);
            texts.add(new LocaleText(tag, disclosure, consent));
            if (!disclosure || !consent) {
                flags.add(Flag.error("locale_without_disclosure", tag, "Locale " + tag + " has no "
                        + (!disclosure ? "disclosure text" + (!consent ? " and no consent label" : "")
                        : "consent label") + " (" + DISCLOSURE_KEY + ", " + CONSENT_KEY + ")."));
            }
        }
        return this;
    }

    List<LocaleText> texts() {
        return texts;
    }

    List<Flag> flags() {
        return flags;
    }

    boolean livenessPage() {
        return livenessPage;
    }

    private List<String> locales() {
        if (realm.isInternationalizationEnabled()) {
            List<String> supported = realm.getSupportedLocalesStream().sorted().collect(Collectors.toList());
            if (!supported.isEmpty()) {
                return supported;
            }
        }
        return List.of(realm.getDefaultLocale() == null ? "en" : realm.getDefaultLocale());
    }

    private static Properties themeMessages(Theme theme, Locale locale) {
        Properties messages = new Properties();
        if (theme != null) {
            try {
                messages.putAll(theme.getMessages(locale));
            } catch (IOException | RuntimeException e) {
                LOG.debugf("compliance report: no messages for %s: %s", locale, e);
            }
        }
        return messages;
    }

    /**
     * A text the realm sets for the locale counts; so does the theme's, unless it is the English text: Keycloak falls
     * back to English for a locale the theme does not translate, and that fall-back is what is to be found.
     */
    private static boolean present(Properties messages, Properties english, Map<String, String> overrides,
                                   String key, boolean isEnglish) {
        if (overrides != null && overrides.get(key) != null && !overrides.get(key).isBlank()) {
            return true;
        }
        String value = messages.getProperty(key);
        if (value == null || value.isBlank()) {
            return false;
        }
        return isEnglish || !value.equals(english.getProperty(key));
    }
}

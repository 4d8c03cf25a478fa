package dev.deepfakeguard.keycloak.it.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jsoup.nodes.Element;

/** Keycloak's username/password form, or its password-only form of a step-up (both {@code form#kc-form-login}). */
public final class LoginPage {

    private final LoginDriver driver;
    private final Page page;

    LoginPage(LoginDriver driver, Page page) {
        this.driver = driver;
        this.page = page;
    }

    public Page page() {
        return page;
    }

    /** Submits the password-only form of a step-up. */
    public NextStep reenterPassword(String password) {
        return submit(Map.of("password", password));
    }

    /** Submits the form and returns whatever the flow shows next. */
    public NextStep login(String username, String password) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", password);
        fields.put("credentialId", "");
        return submit(fields);
    }

    private NextStep submit(Map<String, String> fields) {
        Element form = page.document().selectFirst("form#kc-form-login");
        if (form == null) {
            throw new AssertionError("no login form on " + page.describe());
        }
        return new NextStep(driver, driver.post(URI.create(form.absUrl("action")), fields));
    }
}

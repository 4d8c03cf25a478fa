package dev.deepfakeguard.keycloak.it.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jsoup.nodes.Element;

/** Keycloak's one-time-code form ({@code form#kc-otp-login-form}). */
public final class OtpPage {

    private final LoginDriver driver;
    private final Page page;
    private final Element form;

    private OtpPage(LoginDriver driver, Page page, Element form) {
        this.driver = driver;
        this.page = page;
        this.form = form;
    }

    /** @throws AssertionError when the flow did not ask for a one-time code */
    public static OtpPage expect(NextStep step) {
        Page page = step.page();
        Element form = page.status() == 200 ? page.document().selectFirst("form#kc-otp-login-form") : null;
        if (form == null) {
            throw new AssertionError("expected the one-time-code form, got " + page.describe());
        }
        return new OtpPage(step.driver(), page, form);
    }

    public static boolean isShown(Page page) {
        return page.status() == 200 && page.document().selectFirst("form#kc-otp-login-form") != null;
    }

    /** True when Keycloak asks the person to set up an authenticator app (required action CONFIGURE_TOTP). */
    public static boolean isEnrolmentShown(Page page) {
        return page.status() == 200 && page.document().selectFirst("form#kc-totp-settings-form") != null;
    }

    public Page page() {
        return page;
    }

    public NextStep enter(String code) {
        Map<String, String> fields = new LinkedHashMap<>();
        Element selected = form.selectFirst("input[name=selectedCredentialId]");
        if (selected != null) {
            fields.put("selectedCredentialId", selected.attr("value"));
        }
        fields.put("otp", code);
        fields.put("login", "Sign In");
        return new NextStep(driver, driver.post(URI.create(form.absUrl("action")), fields));
    }
}

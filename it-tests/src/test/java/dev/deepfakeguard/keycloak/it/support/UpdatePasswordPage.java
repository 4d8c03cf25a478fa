package dev.deepfakeguard.keycloak.it.support;

import java.net.URI;
import java.util.Map;

import org.jsoup.nodes.Element;

/** Keycloak's new-password form ({@code form#kc-passwd-update-form}) at the end of the reset flow. */
public final class UpdatePasswordPage {

    private final LoginDriver driver;
    private final Page page;
    private final Element form;

    private UpdatePasswordPage(LoginDriver driver, Page page, Element form) {
        this.driver = driver;
        this.page = page;
        this.form = form;
    }

    /** @throws AssertionError when the flow did not ask for the new password */
    public static UpdatePasswordPage expect(NextStep step) {
        Page page = step.page();
        Element form = page.status() == 200 ? page.document().selectFirst("form#kc-passwd-update-form") : null;
        if (form == null) {
            throw new AssertionError("expected the update-password form, got " + page.describe());
        }
        return new UpdatePasswordPage(step.driver(), page, form);
    }

    public static boolean isShown(Page page) {
        return page.status() == 200 && page.document().selectFirst("form#kc-passwd-update-form") != null;
    }

    /**
     * Sets the new password. Keycloak's own "sign out other devices" box stays unticked, so any session that ends
     * was ended by the reset flow itself.
     */
    public NextStep setPassword(String password) {
        return new NextStep(driver, driver.post(URI.create(form.absUrl("action")),
                Map.of("password-new", password, "password-confirm", password)));
    }
}

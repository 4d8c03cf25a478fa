package dev.deepfakeguard.keycloak.it.support;

import java.net.URI;
import java.util.Map;

import org.jsoup.nodes.Element;

/** Keycloak's "Forgot your password?" form ({@code form#kc-reset-password-form}): the reset flow's Choose User. */
public final class ResetCredentialsPage {

    private final LoginDriver driver;
    private final Page page;
    private final Element form;

    private ResetCredentialsPage(LoginDriver driver, Page page, Element form) {
        this.driver = driver;
        this.page = page;
        this.form = form;
    }

    static ResetCredentialsPage expect(NextStep step) {
        Page page = step.page();
        Element form = page.status() == 200 ? page.document().selectFirst("form#kc-reset-password-form") : null;
        if (form == null) {
            throw new AssertionError("expected the reset-credentials form, got " + page.describe());
        }
        return new ResetCredentialsPage(step.driver(), page, form);
    }

    public Page page() {
        return page;
    }

    /** Submits the username; Keycloak then sends the e-mail and shows its "check your e-mail" page. */
    public NextStep requestLink(String username) {
        return new NextStep(driver, driver.post(URI.create(form.absUrl("action")), Map.of("username", username)));
    }
}

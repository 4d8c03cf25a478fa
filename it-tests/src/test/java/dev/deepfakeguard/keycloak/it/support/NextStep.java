package dev.deepfakeguard.keycloak.it.support;

/** The page after a form post, with typed views of the pages a story expects next. */
public final class NextStep {

    private final LoginDriver driver;
    private final Page page;

    NextStep(LoginDriver driver, Page page) {
        this.driver = driver;
        this.page = page;
    }

    public Page page() {
        return page;
    }

    LoginDriver driver() {
        return driver;
    }

    /** The password form of the step-up sub-flow; @throws AssertionError when the flow did not show it */
    public LoginPage asPasswordForm() {
        if (page.status() != 200 || page.document().selectFirst("form#kc-form-login input[name=password]") == null
                || page.isLivenessPage()) {
            throw new AssertionError("expected the step-up password form, got " + page.describe());
        }
        return new LoginPage(driver, page);
    }

    /** @throws AssertionError when the flow did not show the liveness page */
    public LivenessPage asLiveness() {
        if (!page.isLivenessPage()) {
            throw new AssertionError("expected the liveness page, got " + page.describe());
        }
        return LivenessPage.parse(driver, page);
    }
}

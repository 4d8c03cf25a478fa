package dev.deepfakeguard.keycloak.it.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The pages of Keycloak's reset-credentials flow around the liveness step, in the browser. */
final class BrowserResetPages {

    private static final By RESET_FORM = By.id("kc-reset-password-form");

    private final WebDriver driver;

    BrowserResetPages(WebDriver driver) {
        this.driver = driver;
    }

    /** On the login page: "Forgot password?", then the username form. */
    void openForgotPassword() {
        BrowserWait.click(driver, By.cssSelector("a[href*='/login-actions/reset-credentials']"));
        BrowserWait.until(driver, BrowserWait.PAGE, "the forgot-password form",
                d -> d.findElement(RESET_FORM).isDisplayed());
    }

    /** On the forgot-password form: the username, then submit; Keycloak sends the e-mail and leaves the form. */
    void requestLink(String username) {
        BrowserWait.type(driver, By.cssSelector("form#kc-reset-password-form #username"), username);
        BrowserWait.click(driver, By.cssSelector("form#kc-reset-password-form [type=submit]"));
        BrowserWait.until(driver, BrowserWait.PAGE, "the page after the forgot-password form",
                d -> d.findElements(RESET_FORM).isEmpty());
    }

    /** The new-password form, once it is shown. */
    void awaitNewPasswordForm() {
        BrowserWait.until(driver, BrowserWait.PAGE, "the new-password form",
                d -> d.findElement(By.id("password-new")).isDisplayed());
    }

    /** The new-password form: both fields, then submit (Keycloak's "sign out other devices" box stays unticked). */
    void setNewPassword(String password) {
        BrowserWait.type(driver, By.id("password-new"), password);
        BrowserWait.type(driver, By.id("password-confirm"), password);
        BrowserWait.click(driver, By.cssSelector("form#kc-passwd-update-form #kc-submit"));
    }
}

package dev.deepfakeguard.keycloak.it.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Keycloak's username/password form, in the browser. */
final class BrowserLoginPage {

    private final WebDriver driver;

    /** Waits for the form: the account console reaches it only after its script has redirected. */
    BrowserLoginPage(WebDriver driver) {
        this.driver = driver;
        BrowserWait.until(driver, BrowserWait.PAGE, "the username/password form",
                d -> d.findElement(By.id("username")).isDisplayed());
    }

    BrowserLivenessPage logIn(String username, String password) {
        submit(username, password);
        return BrowserLivenessPage.await(driver);
    }

    /** Types both and submits, for stories that expect another page than the liveness check. */
    void submit(String username, String password) {
        BrowserWait.type(driver, By.id("username"), username);
        BrowserWait.type(driver, By.id("password"), password);
        BrowserWait.click(driver, By.id("kc-login"));
    }
}

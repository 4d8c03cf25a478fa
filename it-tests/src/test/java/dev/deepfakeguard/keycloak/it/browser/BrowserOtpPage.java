package dev.deepfakeguard.keycloak.it.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Keycloak's one-time-code form in the browser: the person types the code from the authenticator app. */
final class BrowserOtpPage {

    private static final By CODE = By.id("otp");

    private final WebDriver driver;

    private BrowserOtpPage(WebDriver driver) {
        this.driver = driver;
    }

    static BrowserOtpPage await(WebDriver driver) {
        BrowserWait.until(driver, BrowserWait.PAGE, "the one-time-code form", d -> d.findElement(CODE).isDisplayed());
        return new BrowserOtpPage(driver);
    }

    void type(String code) {
        BrowserWait.type(driver, CODE, code);
        BrowserWait.click(driver, By.cssSelector("form#kc-otp-login-form [type=submit]"));
    }
}

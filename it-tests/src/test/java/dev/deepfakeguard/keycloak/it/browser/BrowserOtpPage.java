package dev.deepfakeguard.keycloak.it.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Keycloak's one-time-code form in the browser: the person types the code from the authenticator app. */
final class BrowserOtpPage {

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

    private final WebDriver driver;

    private BrowserOtpPage(WebDriver driver) {
        this.driver = driver;
    }

    static BrowserOtpPage await(WebDriver driver) {
        new WebDriverWait(driver, PAGE_TIMEOUT).until(ExpectedConditions.elementToBeClickable(By.id("otp")));
        return new BrowserOtpPage(driver);
    }

    void type(String code) {
        driver.findElement(By.id("otp")).sendKeys(code);
        driver.findElement(By.cssSelector("form#kc-otp-login-form [type=submit]")).click();
    }
}

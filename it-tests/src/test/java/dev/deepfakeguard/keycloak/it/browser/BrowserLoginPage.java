package dev.deepfakeguard.keycloak.it.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Keycloak's username/password form, in the browser. */
final class BrowserLoginPage {

    private final WebDriver driver;

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

    /** Waits for the form: the account console reaches it only after its script has redirected. */
    BrowserLoginPage(WebDriver driver) {
        this.driver = driver;
        new WebDriverWait(driver, PAGE_TIMEOUT).until(ExpectedConditions.elementToBeClickable(By.id("username")));
    }

    BrowserLivenessPage logIn(String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        return BrowserLivenessPage.await(driver);
    }
}

package dev.deepfakeguard.keycloak.it.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Keycloak's username/password form, in the browser. */
final class BrowserLoginPage {

    private final WebDriver driver;

    BrowserLoginPage(WebDriver driver) {
        this.driver = driver;
    }

    BrowserLivenessPage logIn(String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        return BrowserLivenessPage.await(driver);
    }
}

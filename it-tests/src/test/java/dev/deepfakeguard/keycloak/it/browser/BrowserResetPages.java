package dev.deepfakeguard.keycloak.it.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The pages of Keycloak's reset-credentials flow around the liveness step, in the browser. */
final class BrowserResetPages {

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

    private final WebDriver driver;

    BrowserResetPages(WebDriver driver) {
        this.driver = driver;
    }

    /** On the login page: "Forgot password?", then the username, then submit; Keycloak sends the e-mail. */
    void requestLink(String username) {
        await(ExpectedConditions.elementToBeClickable(By.cssSelector("a[href*='/login-actions/reset-credentials']")))
                .click();
        await(ExpectedConditions.elementToBeClickable(By.cssSelector("form#kc-reset-password-form #username")))
                .sendKeys(username);
        driver.findElement(By.cssSelector("form#kc-reset-password-form [type=submit]")).click();
        new WebDriverWait(driver, PAGE_TIMEOUT).until(ExpectedConditions.invisibilityOfElementLocated(
                By.id("kc-reset-password-form")));
    }

    /** The new-password form: both fields, then submit (Keycloak's "sign out other devices" box stays unticked). */
    void setNewPassword(String password) {
        await(ExpectedConditions.elementToBeClickable(By.id("password-new"))).sendKeys(password);
        driver.findElement(By.id("password-confirm")).sendKeys(password);
        driver.findElement(By.cssSelector("form#kc-passwd-update-form #kc-submit")).click();
    }

    private WebElement await(ExpectedCondition<WebElement> condition) {
        return new WebDriverWait(driver, PAGE_TIMEOUT).until(condition);
    }
}

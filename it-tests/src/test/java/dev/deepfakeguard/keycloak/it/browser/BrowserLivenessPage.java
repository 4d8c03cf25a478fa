package dev.deepfakeguard.keycloak.it.browser;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The liveness page in a real browser: the person ticks consent, starts the check and the script plays. */
final class BrowserLivenessPage {

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);
    /** Camera start, exposure settling and the upload, on top of the script itself. */
    private static final Duration CAPTURE_OVERHEAD = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final String challengeId;
    private final Duration scriptDuration;

    private BrowserLivenessPage(WebDriver driver) {
        this.driver = driver;
        WebElement root = driver.findElement(By.id("dfg-root"));
        this.challengeId = root.getAttribute("data-challenge-id");
        int steps = root.getAttribute("data-colours").split(",").length;
        this.scriptDuration = Duration.ofMillis((long) steps * Integer.parseInt(root.getAttribute("data-step-ms")));
    }

    static BrowserLivenessPage await(WebDriver driver) {
        new WebDriverWait(driver, PAGE_TIMEOUT).until(ExpectedConditions.presenceOfElementLocated(By.id("dfg-root")));
        return new BrowserLivenessPage(driver);
    }

    String challengeId() {
        return challengeId;
    }

    /**
     * Consents, starts the capture and waits until the page has left this challenge: either another page or the
     * same page re-rendered with a new challenge.
     */
    void consentAndCapture() {
        driver.findElement(By.id("dfg-consent")).click();
        driver.findElement(By.id("dfg-start")).click();
        new WebDriverWait(driver, scriptDuration.plus(CAPTURE_OVERHEAD)).until(d -> {
            List<WebElement> roots = d.findElements(By.id("dfg-root"));
            return roots.isEmpty() || !challengeId.equals(roots.get(0).getAttribute("data-challenge-id"));
        });
    }

    /** The alert Keycloak's template renders for the message the server set. */
    String message() {
        List<WebElement> messages = driver.findElements(By.cssSelector(".kc-feedback-text"));
        return messages.isEmpty() ? "" : messages.get(0).getText().trim();
    }

    boolean isShown() {
        return !driver.findElements(By.id("dfg-root")).isEmpty();
    }
}

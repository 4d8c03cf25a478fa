package dev.deepfakeguard.keycloak.it.browser;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The liveness page in a real browser: the person ticks consent, starts the check and the script plays. */
final class BrowserLivenessPage {

    static final By ROOT = By.id("dfg-root");
    private static final String CHALLENGE_ID = "data-challenge-id";
    /**
     * Camera start, exposure settling, the upload and the server's analysis, on top of the script itself; generous
     * because other builds may be using both cores.
     */
    private static final Duration CAPTURE_OVERHEAD = Duration.ofSeconds(60);

    private final WebDriver driver;
    private final String challengeId;
    private final Duration scriptDuration;

    private BrowserLivenessPage(WebDriver driver, String challengeId, Duration scriptDuration) {
        this.driver = driver;
        this.challengeId = challengeId;
        this.scriptDuration = scriptDuration;
    }

    /** Waits for the page and reads its challenge; every attribute comes from the same element, found afresh. */
    static BrowserLivenessPage await(WebDriver driver) {
        return BrowserWait.until(driver, BrowserWait.PAGE, "the liveness page", d -> {
            WebElement root = d.findElement(ROOT);
            String challengeId = root.getAttribute(CHALLENGE_ID);
            int steps = root.getAttribute("data-colours").split(",").length;
            int stepMillis = Integer.parseInt(root.getAttribute("data-step-ms"));
            return new BrowserLivenessPage(d, challengeId, Duration.ofMillis((long) steps * stepMillis));
        });
    }

    String challengeId() {
        return challengeId;
    }

    /**
     * Consents, starts the capture and waits until the page has left this challenge: either another page or the
     * same page rendered again with a new challenge id, the page's identity marker.
     */
    void consentAndCapture() {
        BrowserWait.tick(driver, By.id("dfg-consent"));
        BrowserWait.click(driver, By.id("dfg-start"));
        BrowserWait.until(driver, scriptDuration.plus(CAPTURE_OVERHEAD), "the page to leave challenge " + challengeId,
                d -> !BrowserWait.attribute(d, ROOT, CHALLENGE_ID).map(challengeId::equals).orElse(false));
    }

    /** The alert Keycloak's template renders for the message the server set. */
    String message() {
        return BrowserWait.until(driver, BrowserWait.PAGE, "the page's message to be readable", d -> {
            List<WebElement> messages = d.findElements(By.cssSelector(".kc-feedback-text"));
            return messages.isEmpty() ? "" : messages.get(0).getText().trim();
        });
    }
}

package dev.deepfakeguard.keycloak.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;

/**
 * The page objects' waits against a page that replaces {@code #dfg-root} again and again, as the liveness page's
 * form post does once (the old element is gone the moment the new document commits). Any probe that finds the
 * element and reads it in two steps meets a replaced element; the waits must treat that as "not yet".
 */
@ExtendWith(BrowserExtension.class)
class BrowserWaitIT {

    /** How long the page keeps replacing the root before it settles. */
    private static final int CHURN_MILLIS = 3000;

    @Test
    @DisplayName("Given the page replaces the liveness root many times a second before the new challenge arrives, "
            + "then the capture wait ends on the new challenge instead of failing on a replaced element")
    void captureWaitToleratesReplacedRoot(Browser browser) {
        WebDriver driver = browser.driver();
        driver.get(churningPage(false));
        BrowserLivenessPage first = BrowserLivenessPage.await(driver);
        assertThat(first.challengeId()).isEqualTo("challenge-1");

        first.consentAndCapture();

        assertThat(BrowserLivenessPage.await(driver).challengeId()).isEqualTo("challenge-2");
    }

    @Test
    @DisplayName("Given the page replaces the liveness root many times a second while it loads, then reading the "
            + "challenge waits for a root that stays long enough to be read")
    void readingTheChallengeToleratesReplacedRoot(Browser browser) {
        WebDriver driver = browser.driver();
        driver.get(churningPage(true));

        BrowserLivenessPage page = BrowserLivenessPage.await(driver);

        assertThat(page.challengeId()).isIn("challenge-1", "challenge-2");
    }

    /**
     * A stand-in liveness page (data: URL, no server): consent, start, and a root that is replaced by a copy on every
     * task for {@value #CHURN_MILLIS} ms, after which the last copy carries the next challenge.
     */
    private static String churningPage(boolean churnFromLoad) {
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>churn</title></head><body>
                <div id="dfg-root" data-challenge-id="challenge-1" data-colours='["#ff0000","#00ff00","#0000ff"]'
                     data-step-ms="600"></div>
                <input type="checkbox" id="dfg-consent"><label for="dfg-consent">I agree</label>
                <button type="button" id="dfg-start">Start</button>
                <script>
                  function churn() {
                    const started = performance.now();
                    const swap = () => {
                      const old = document.getElementById('dfg-root');
                      const copy = old.cloneNode(true);
                      const done = performance.now() - started > %d;
                      if (done) { copy.dataset.challengeId = 'challenge-2'; }
                      old.replaceWith(copy);
                      if (!done) { setTimeout(swap, 0); }
                    };
                    swap();
                  }
                  document.getElementById('dfg-start').addEventListener('click', churn);
                  if (%b) { churn(); }
                </script>
                </body></html>
                """.formatted(CHURN_MILLIS, churnFromLoad);
        return "data:text/html;charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8));
    }
}

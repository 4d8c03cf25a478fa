package dev.deepfakeguard.keycloak.it.browser;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The one way browser stories wait. Every probe finds its elements afresh and reads them at once; when the page
 * replaces an element between the find and the read (a reload, a form post that renders the same page again), the
 * probe throws {@link StaleElementReferenceException}, which here means "not yet", never a failure. A timeout names
 * what was awaited and where the browser was, so a failure report says more than "timed out".
 */
final class BrowserWait {

    /** A Keycloak page, including the first render of a template on a cold server and a loaded 2-core machine. */
    static final Duration PAGE = Duration.ofSeconds(60);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

    private BrowserWait() {
    }

    /**
     * Probes until {@code probe} returns something other than {@code null} or {@code false}.
     *
     * @throws org.openqa.selenium.TimeoutException naming {@code what} and the browser's URL
     */
    static <T> T until(WebDriver driver, Duration timeout, String what, Function<WebDriver, T> probe) {
        return new WebDriverWait(driver, timeout, PROBE_INTERVAL)
                .ignoring(StaleElementReferenceException.class) // NotFoundException is ignored already
                .withMessage(() -> "waiting for " + what + "; browser at " + currentUrl(driver))
                .until(probe::apply);
    }

    /** The attribute of the first element matching {@code locator}, read in the probe that found it. */
    static Optional<String> attribute(WebDriver driver, By locator, String name) {
        List<WebElement> found = driver.findElements(locator);
        return found.isEmpty() ? Optional.empty() : Optional.ofNullable(found.get(0).getAttribute(name));
    }

    /** Waits until the element is displayed and enabled, then acts on it; a replaced element is found again. */
    static void act(WebDriver driver, By locator, String what, Consumer<WebElement> action) {
        until(driver, PAGE, what + " (" + locator + ")", d -> {
            WebElement element = d.findElement(locator);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            action.accept(element);
            return true;
        });
    }

    static void click(WebDriver driver, By locator) {
        act(driver, locator, "a clickable element", WebElement::click);
    }

    static void type(WebDriver driver, By locator, String text) {
        act(driver, locator, "an input to type into", element -> {
            element.clear();
            element.sendKeys(text);
        });
    }

    /** Ticks a checkbox; clicking a ticked one would untick it. */
    static void tick(WebDriver driver, By locator) {
        act(driver, locator, "a checkbox to tick", element -> {
            if (!element.isSelected()) {
                element.click();
            }
        });
    }

    /** Waits until a page whose URL contains {@code path} is shown with every Keycloak login page behind it. */
    static void awaitArrivalAt(WebDriver driver, Duration timeout, String path) {
        until(driver, timeout, "the browser to arrive at " + path + " past every login page", d -> {
            String url = d.getCurrentUrl();
            return url.contains(path) && !url.contains("/login-actions/") && !url.contains("/protocol/");
        });
    }

    private static String currentUrl(WebDriver driver) {
        try {
            return driver.getCurrentUrl();
        } catch (RuntimeException e) {
            return "(URL unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }
}

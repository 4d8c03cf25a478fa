package dev.deepfakeguard.keycloak.it.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import dev.deepfakeguard.keycloak.it.support.ItSettings;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, with Chromium's fake camera granted without a prompt.
 * The driver path is explicit so that Selenium Manager never downloads anything.
 */
final class Browser implements AutoCloseable {

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser start() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ItSettings.chromedriverBinary().toFile())
                .usingAnyFreePort()
                .withLogFile(ItSettings.artifactsDir().resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(ItSettings.chromiumBinary().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--disable-background-networking", "--disable-dev-shm-usage",
                        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                        "--window-size=1024,900", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        // The page's console (script errors, failed requests) goes into a failed story's artefacts.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        createDirectories(ItSettings.artifactsDir());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * What a failed story leaves in target/it-artifacts: a screenshot, the page source, and a summary with the URL,
     * the title and the page's console. A part the browser cannot deliver (it may have crashed) is named in the
     * summary with the reason, and the rest is still written.
     */
    void saveArtifacts(String name) {
        Path dir = createDirectories(ItSettings.artifactsDir());
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        StringBuilder summary = new StringBuilder("story: ").append(name).append('\n');
        try {
            summary.append("url: ").append(driver.getCurrentUrl()).append('\n')
                    .append("title: ").append(driver.getTitle()).append('\n');
        } catch (WebDriverException e) {
            summary.append("url and title unavailable: ").append(e.getMessage()).append('\n');
        }
        try {
            File screenshot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(screenshot.toPath(), dir.resolve(safe + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (WebDriverException e) {
            summary.append("screenshot unavailable: ").append(e.getMessage()).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot to " + dir, e);
        }
        try {
            write(dir.resolve(safe + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
        } catch (WebDriverException e) {
            summary.append("page source unavailable: ").append(e.getMessage()).append('\n');
        }
        summary.append("browser console:\n");
        try {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                summary.append("  ").append(Instant.ofEpochMilli(entry.getTimestamp())).append(' ')
                        .append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n');
            }
        } catch (WebDriverException e) {
            summary.append("  unavailable: ").append(e.getMessage()).append('\n');
        }
        write(dir.resolve(safe + ".txt"), summary.toString());
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

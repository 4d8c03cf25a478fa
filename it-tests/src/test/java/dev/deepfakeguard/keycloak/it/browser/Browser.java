package dev.deepfakeguard.keycloak.it.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
        createDirectories(ItSettings.artifactsDir());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Screenshot and page source of the current page, for a failed story. */
    void saveArtifacts(String name) {
        Path dir = createDirectories(ItSettings.artifactsDir());
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            File screenshot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(screenshot.toPath(), dir.resolve(safe + ".png"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(safe + ".html"),
                    "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save browser artifacts to " + dir, e);
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

package dev.deepfakeguard.keycloak.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.scoring.FrameFormat;
import dev.deepfakeguard.keycloak.testing.JpegSegments;

/**
 * What Chromium's canvas writes when the liveness page captures a frame: the server admits only single-scan
 * baseline JPEGs of its own size, so every quality the page may fall back to must produce one. (That such frames
 * reach the scorer end to end is {@code BrowserLivenessIT#liveAnswerReachesAccountConsole}.)
 */
@ExtendWith({KeycloakExtension.class, BrowserExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserFrameFormatIT {

    /** The qualities of {@code QUALITIES} in deepfake-guard-liveness.js, tried in this order until one fits. */
    private static final List<Double> PAGE_QUALITIES = List.of(0.8, 0.65, 0.5, 0.35, 0.2);

    /**
     * Draws the fake camera's picture into a canvas of the page's frame size, as the page script does, and returns
     * the canvas's JPEG at each quality, as data URLs from {@code toDataURL} and as blobs from {@code toBlob}.
     */
    private static final String CAPTURE = """
            const qualities = arguments[0];
            const done = arguments[arguments.length - 1];
            const root = document.getElementById('dfg-root');
            const canvas = document.createElement('canvas');
            canvas.width = parseInt(root.dataset.frameWidth, 10);
            canvas.height = parseInt(root.dataset.frameHeight, 10);
            const video = document.createElement('video');
            video.muted = true;
            navigator.mediaDevices.getUserMedia({video: {width: {ideal: 320}, height: {ideal: 240}}, audio: false})
              .then(stream => { video.srcObject = stream; return video.play().then(() => stream); })
              .then(stream => new Promise(resolve => {
                const ready = () => video.videoWidth > 0 ? resolve(stream) : setTimeout(ready, 20);
                ready();
              }))
              .then(stream => {
                canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
                stream.getTracks().forEach(track => track.stop());
                const urls = qualities.map(q => canvas.toDataURL('image/jpeg', q).split(',')[1]);
                const blobs = qualities.map(q => new Promise(resolve => canvas.toBlob(blob => {
                  const reader = new FileReader();
                  reader.onload = () => resolve(reader.result.split(',')[1]);
                  reader.readAsDataURL(blob);
                }, 'image/jpeg', q)));
                return Promise.all(blobs).then(fromBlobs => done(urls.concat(fromBlobs)));
              })
              .catch(error => done('error: ' + error));
            """;

    private final KeycloakServer server;
    private final AdminClient admin;
    private ManagedRealm realm;

    BrowserFrameFormatIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void createRealm() {
        realm = admin.createRealm(RealmBuilder.named("dfg-browser-frames").build());
    }

    @AfterAll
    void deleteRealm() {
        realm.close();
    }

    @Test
    @DisplayName("Given Chromium's canvas on the liveness page, then every JPEG quality the page may use is a "
            + "single-scan baseline frame of the server's size")
    void canvasFramesAreSingleScanBaseline(Browser browser) {
        WebDriver driver = browser.driver();
        driver.get(server.realmUrl(realm.name()) + "/account/");
        assertThat(new BrowserLoginPage(driver).logIn(RealmBuilder.USERNAME, RealmBuilder.PASSWORD).challengeId())
                .as("the liveness page is shown").isNotBlank();

        Object captured = ((JavascriptExecutor) driver).executeAsyncScript(CAPTURE, PAGE_QUALITIES);

        assertThat(captured).as("canvas capture").isInstanceOf(List.class);
        List<byte[]> frames = new ArrayList<>();
        ((List<?>) captured).forEach(frame -> frames.add(Base64.getDecoder().decode((String) frame)));
        assertThat(frames).hasSize(2 * PAGE_QUALITIES.size());
        for (byte[] frame : frames) {
            List<JpegSegments.Segment> segments = JpegSegments.parse(frame).segments();
            assertThat(segments).filteredOn(s -> s.marker() == JpegSegments.SOS).hasSize(1);
            assertThat(segments).filteredOn(s -> s.marker() >= 0xc0 && s.marker() <= 0xcf && s.marker() != 0xc4
                    && s.marker() != 0xc8 && s.marker() != 0xcc).extracting(JpegSegments.Segment::marker)
                    .containsExactly(JpegSegments.SOF0);
            assertThatCode(() -> FrameFormat.check(frame)).doesNotThrowAnyException();
        }
    }
}

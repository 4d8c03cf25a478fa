package dev.deepfakeguard.keycloak.it.support;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.jsoup.nodes.Element;

/** Keycloak's "set up an authenticator app" form ({@code form#kc-totp-settings-form}, required action CONFIGURE_TOTP). */
public final class TotpEnrolmentPage {

    private final LoginDriver driver;
    private final Element form;

    private TotpEnrolmentPage(LoginDriver driver, Element form) {
        this.driver = driver;
        this.form = form;
    }

    /** @throws AssertionError when the flow did not ask to set up an authenticator app */
    public static TotpEnrolmentPage expect(NextStep step) {
        Page page = step.page();
        Element form = page.status() == 200 ? page.document().selectFirst("form#kc-totp-settings-form") : null;
        if (form == null) {
            throw new AssertionError("expected the authenticator app set-up, got " + page.describe());
        }
        return new TotpEnrolmentPage(step.driver(), form);
    }

    public static boolean isShown(Page page) {
        return page.status() == 200 && page.document().selectFirst("form#kc-totp-settings-form") != null;
    }

    /** The device a person would set up from this page (the form carries the raw secret). */
    public OtpDevice device() {
        return new OtpDevice(form.selectFirst("input[name=totpSecret]").val());
    }

    /** Sets the app up with a code of {@code device}, named {@code label}. */
    public NextStep enrol(OtpDevice device, String label) {
        Map<String, String> fields = new HashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            fields.put(input.attr("name"), input.val());
        }
        fields.put("totp", device.nextCode());
        fields.put("userLabel", label);
        return new NextStep(driver, driver.post(URI.create(form.absUrl("action")), fields));
    }
}

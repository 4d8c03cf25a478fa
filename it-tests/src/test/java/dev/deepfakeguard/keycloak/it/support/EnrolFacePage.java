package dev.deepfakeguard.keycloak.it.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jsoup.nodes.Element;

/** The page of the required action "Deepfake Guard – Enrol face reference" ({@code form#dfg-enrol-form}). */
public final class EnrolFacePage {

    private final LoginDriver driver;
    private final Page page;
    private final Element form;

    private EnrolFacePage(LoginDriver driver, Page page, Element form) {
        this.driver = driver;
        this.page = page;
        this.form = form;
    }

    /** @throws AssertionError when the flow did not offer the enrolment */
    public static EnrolFacePage expect(NextStep step) {
        Page page = step.page();
        Element form = page.status() == 200 ? page.document().selectFirst("form#dfg-enrol-form") : null;
        if (form == null) {
            throw new AssertionError("expected the face reference enrolment page, got " + page.describe());
        }
        return new EnrolFacePage(step.driver(), page, form);
    }

    public static boolean isShown(Page page) {
        return page.status() == 200 && page.document().selectFirst("form#dfg-enrol-form") != null;
    }

    public Page page() {
        return page;
    }

    /** "Enrol" with the consent box ticked. */
    public NextStep consentAndEnrol() {
        return post(true);
    }

    /** "Enrol" without ticking the consent box. */
    public NextStep enrolWithoutConsent() {
        return post(false);
    }

    private NextStep post(boolean consent) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (consent) {
            fields.put("dfg_consent", "yes");
        }
        fields.put("dfg_action", "enrol");
        return new NextStep(driver, driver.post(URI.create(form.absUrl("action")), fields));
    }
}

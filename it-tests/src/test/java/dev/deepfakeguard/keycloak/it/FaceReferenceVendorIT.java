package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.detail;
import static dev.deepfakeguard.keycloak.it.support.Events.reasons;
import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.contract.UserFlags;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.FaceRealm;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LivenessConfigKeys;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.OtpDevice;
import dev.deepfakeguard.keycloak.it.support.OtpPage;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.ScorerStandIn;
import dev.deepfakeguard.keycloak.it.support.Submission;
import dev.deepfakeguard.keycloak.scoring.http.HttpScorerConfig;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * The {@code http} path of the face reference: the account's reference lives at the vendor, the stand-in vendor is
 * sent it as {@code faceReference} and answers a {@code matchScore}, which the step's face policy decides on.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceReferenceVendorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENDOR_FACE_ID = "rekognition-face-7f3a";

    private final KeycloakServer server;
    private final AdminClient admin;
    private final ScorerStandIn vendor = new ScorerStandIn();
    private final OtpDevice phone = new OtpDevice("dfg-face-vendor-authenticator-app", RealmBuilder.OTP_LOOK_AHEAD);
    private ManagedRealm enrolled;
    private ManagedRealm notEnrolled;

    FaceReferenceVendorIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void createRealms() {
        enrolled = admin.createRealm(FaceRealm.of(realm("dfg-face-vendor").build())
                .attribute(UserFlags.VENDOR_FACE_ID, VENDOR_FACE_ID).build());
        notEnrolled = admin.createRealm(realm("dfg-face-vendor-none").build());
    }

    private RealmBuilder realm(String prefix) {
        return RealmBuilder.named(prefix).otp(phone)
                .liveness(LivenessConfigKeys.SCORER, LivenessConfigKeys.SCORER_HTTP)
                .liveness(HttpScorerConfig.URL, vendor.url())
                .liveness(HttpScorerConfig.CALL_TIMEOUT_MILLIS, 10_000)
                .liveness(HttpScorerConfig.READ_TIMEOUT_MILLIS, 10_000);
    }

    @AfterAll
    void cleanUp() {
        enrolled.close();
        notEnrolled.close();
        vendor.close();
    }

    private void vendorAnswers(String matchScore) {
        vendor.body("{\"state\":\"completed\",\"livenessScore\":9600,\"syntheticScore\":150,\"modelVersion\":"
                + "\"vendor-1\",\"reasonCodes\":[]" + (matchScore == null ? "" : ",\"matchScore\":" + matchScore)
                + "}");
    }

    private NextStep signIn(ManagedRealm realm, long seed) {
        LivenessPage liveness = new LoginDriver(server, realm.name()).openLiveness();
        vendor.drainRequests();
        return liveness.submit(Submission.of(liveness, SyntheticFrames.following(liveness.challenge(), seed)));
    }

    /** The face reference the stand-in vendor received in the one scoring request of the sign-in. */
    private JsonNode faceReferenceSent() throws Exception {
        List<okhttp3.mockwebserver.RecordedRequest> requests = vendor.drainRequests();
        assertThat(requests).hasSize(1);
        return JSON.readTree(requests.get(0).getBody().readUtf8()).path("faceReference");
    }

    @Test
    @DisplayName("Given a reference at the vendor, when the vendor's match score is high, then the sign-in is "
            + "allowed with face_matched, and the vendor was sent the reference")
    void highVendorScoreAllows() throws Exception {
        vendorAnswers("9100");
        long mark = System.currentTimeMillis();

        Page result = signIn(enrolled, 5101).page();

        assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
        assertThat(faceReferenceSent().path("vendorFaceId").asText()).isEqualTo(VENDOR_FACE_ID);
        JsonNode login = enrolled.awaitEvent(EventType.LOGIN.name(), since(mark));
        assertThat(detail(login, EventDetails.DECISION)).isEqualTo(Decision.ALLOW.value());
        assertThat(detail(login, EventDetails.FACE_MATCH)).isEqualTo("matched");
        assertThat(detail(login, EventDetails.FACE_MATCH_SCORE)).isEqualTo("9100");
    }

    @Test
    @DisplayName("Given a reference at the vendor, when the vendor's match score is low, then the sign-in is denied "
            + "with face_mismatch")
    void lowVendorScoreDenies() throws Exception {
        vendorAnswers("1500");
        long mark = System.currentTimeMillis();

        Page result = signIn(enrolled, 5102).page();

        assertThat(result.isCodeRedirect()).as(result.describe()).isFalse();
        assertThat(faceReferenceSent().path("vendorFaceId").asText()).isEqualTo(VENDOR_FACE_ID);
        JsonNode error = enrolled.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
        assertThat(error.path("error").asText()).isEqualTo(EventErrors.LIVENESS_FAILED);
        assertThat(reasons(error)).contains(ReasonCodes.FACE_MISMATCH);
        assertThat(detail(error, EventDetails.FACE_MATCH_SCORE)).isEqualTo("1500");
        assertThat(enrolled.countEvents(EventType.LOGIN.name(), since(mark))).isZero();
    }

    @Test
    @DisplayName("Given a reference at the vendor, when the vendor answers without a match score, then matching is "
            + "unavailable and the fallback asks for the second factor, never an allow")
    void silentVendorStepsUp() throws Exception {
        vendorAnswers(null);
        long mark = System.currentTimeMillis();

        NextStep afterLiveness = signIn(enrolled, 5103);
        assertThat(afterLiveness.page().isCodeRedirect()).as(afterLiveness.page().describe()).isFalse();
        Page result = OtpPage.expect(afterLiveness).enter(phone.nextCode()).page();

        assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
        JsonNode login = enrolled.awaitEvent(EventType.LOGIN.name(), since(mark));
        assertThat(detail(login, EventDetails.DECISION)).isEqualTo(Decision.STEP_UP.value());
        assertThat(reasons(login)).contains(ReasonCodes.FACE_MATCH_UNAVAILABLE);
    }

    @Test
    @DisplayName("Given no reference at the vendor, when a scorer volunteers a match score anyway, then it is "
            + "dropped: the vendor was sent no reference and the event carries no face match")
    void volunteeredScoreIsDropped() throws Exception {
        vendorAnswers("10000");
        long mark = System.currentTimeMillis();

        Page result = signIn(notEnrolled, 5104).page();

        assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
        JsonNode sent = faceReferenceSent();
        assertThat(sent.isMissingNode() || sent.isNull()).as(sent.toString()).isTrue();
        JsonNode login = notEnrolled.awaitEvent(EventType.LOGIN.name(), since(mark));
        assertThat(detail(login, EventDetails.FACE_MATCH_SCORE)).isNull();
        assertThat(reasons(login)).doesNotContain(ReasonCodes.FACE_MATCHED);
    }
}

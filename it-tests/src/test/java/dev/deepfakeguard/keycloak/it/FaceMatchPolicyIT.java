package dev.deepfakeguard.keycloak.it;

import static dev.deepfakeguard.keycloak.it.support.Events.detail;
import static dev.deepfakeguard.keycloak.it.support.Events.reasons;
import static dev.deepfakeguard.keycloak.it.support.Events.since;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.events.EventType;

import com.fasterxml.jackson.databind.JsonNode;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.face.reference.FaceMatchConfig;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.EnrolFacePage;
import dev.deepfakeguard.keycloak.it.support.FaceAccount;
import dev.deepfakeguard.keycloak.it.support.UpdatePasswordPage;
import dev.deepfakeguard.keycloak.it.support.RelyingParty;
import dev.deepfakeguard.keycloak.it.support.Poll;
import dev.deepfakeguard.keycloak.it.support.OtpDevice;
import dev.deepfakeguard.keycloak.it.support.NextStep;
import dev.deepfakeguard.keycloak.it.support.MailBox;
import dev.deepfakeguard.keycloak.it.support.LivenessPage;
import dev.deepfakeguard.keycloak.it.support.ExampleRealm;
import dev.deepfakeguard.keycloak.it.support.FaceFixture;
import dev.deepfakeguard.keycloak.it.support.FaceModel;
import dev.deepfakeguard.keycloak.it.support.FaceRealm;
import dev.deepfakeguard.keycloak.it.support.FaceSignIn;
import dev.deepfakeguard.keycloak.it.support.ItSettings;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakRestarter;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.LoginDriver;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.OtpPage;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.WithFaceModel;

/**
 * What a missing, foreign or uncheckable face reference means, and the attacks on enrolment and matching: never an
 * enrolment without a second factor, never a silent match against another model's template, never an allow on
 * liveness alone when the matcher is broken.
 */
@ExtendWith(KeycloakExtension.class)
@WithFaceModel
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaceMatchPolicyIT {

    private final KeycloakServer server;
    private final AdminClient admin;
    private FaceFixture faces;

    FaceMatchPolicyIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void findFaces() {
        faces = new FaceFixture("dfg-face-policy-it-authenticator-app");
    }

    @AfterAll
    void cleanUp() {
        if (faces != null) {
            faces.close();
        }
    }

    @Test
    @DisplayName("Given the enrolment pending, when a sign-in passes the liveness check without a second factor, "
            + "then no enrolment is offered and nothing is stored; the action stays pending")
    void noEnrolmentWithoutSecondFactor() {
        try (ManagedRealm realm = admin.createRealm(FaceRealm.of(faces.realm("dfg-face-no2fa").build()).enrolment(true)
                .build())) {
            var liveness = new LoginDriver(server, realm.name()).openLiveness();

            Page result = FaceSignIn.submit(liveness, faces.owner(), 51).page();

            assertThat(EnrolFacePage.isShown(result)).as(result.describe()).isFalse();
            assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
            assertThat(FaceAccount.of(realm).reference()).isEmpty();
            assertThat(FaceAccount.of(realm).requiredActions()).contains(FaceRealm.ENROL_ACTION);
        }
    }

    @Test
    @DisplayName("Given a reference made by another model, when the owner signs in, then it is never compared: "
            + "no_face_reference, the flow's step-up, and a log line asking for re-enrolment")
    void referenceOfAnotherModelIsNoReference() {
        String otherDigest = "0".repeat(63) + "1";
        try (ManagedRealm realm = admin.createRealm(FaceRealm.of(faces.realm("dfg-face-digest")
                        .liveness(FaceMatchConfig.MISSING_REFERENCE, "step_up").build())
                .storedReference(otherDigest, FaceRealm.syntheticVector()).build())) {
            long mark = System.currentTimeMillis();
            var afterLiveness = FaceSignIn.submit(new LoginDriver(server, realm.name()).openLiveness(),
                    faces.owner(), 61);

            Page result = OtpPage.expect(afterLiveness).enter(faces.phone().nextCode()).page();

            assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
            JsonNode login = realm.awaitEvent(EventType.LOGIN.name(), since(mark));
            assertThat(detail(login, EventDetails.DECISION)).isEqualTo(Decision.STEP_UP.value());
            assertThat(reasons(login)).contains(ReasonCodes.NO_FACE_REFERENCE).doesNotContain(ReasonCodes.FACE_MATCHED);
            assertThat(detail(login, EventDetails.FACE_MATCH_SCORE)).isNull();
            assertThat(serverLog()).contains("the user must enrol again");
        }
    }

    @Test
    @DisplayName("Given carol has no face reference, when she resets her password, then the reset flow's policy "
            + "steps up (no_face_reference): the one-time code is asked before the new password")
    void resetWithoutReferenceStepsUp() {
        OtpDevice carolsPhone = new OtpDevice("deepfake-guard-demo-carol");
        try (MailBox mail = new MailBox(); ManagedRealm realm = admin.createRealm(
                ExampleRealm.load(ExampleRealm.DEMO, "dfg-face-reset")
                        .httpScorer(ExampleRealm.LIVENESS_RESET, faces.scorerUrl())
                        .smtp(MailBox.HOST, mail.port()).build())) {
            RelyingParty app = RelyingParty.demoApp(server, realm.name());
            app.forgotPassword(app.login()).requestLink("carol");
            LivenessPage liveness = app.open(mail.awaitActionLink("carol@demo.deepfake-guard.dev")).asLiveness();
            long mark = System.currentTimeMillis();

            NextStep afterLiveness = FaceSignIn.submit(liveness, faces.owner(), 81);

            assertThat(UpdatePasswordPage.isShown(afterLiveness.page())).as(afterLiveness.page().describe()).isFalse();
            NextStep afterCode = OtpPage.expect(afterLiveness).enter(carolsPhone.nextCode());
            Page done = UpdatePasswordPage.expect(afterCode).setPassword("carol-Face-Reset-1!").page();
            assertThat(app.isCodeRedirect(done)).as(done.describe()).isTrue();
            // The step-up itself is the proof: the code page came before the new password. The reset's own events
            // (UPDATE_PASSWORD, LOGIN) are sent by Keycloak's required action in a later request with a fresh event,
            // so they carry no dfg_ details (docs/face-reference.md, "Evidence").
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // after every other story: it leaves the server with a damaged model
    @DisplayName("Given an enrolled user and a server whose model file is damaged, when the owner signs in, then "
            + "matching is unavailable and the flow's fallback asks for the second factor: never an allow on "
            + "liveness alone")
    void damagedModelFallsBack(KeycloakRestarter restarter) {
        Path damaged = FaceModel.truncatedCopy(ItSettings.artifactsDir().resolve("face-model"));
        restarter.restartWith(FaceModel.serverOptions(damaged, FaceModel.sha256Of(damaged)));
        admin.forgetToken();
        try (ManagedRealm realm = admin.createRealm(FaceRealm.of(faces.realm("dfg-face-broken").build())
                .storedReference(FaceModel.sha256(), FaceRealm.syntheticVector()).build())) {
            long mark = System.currentTimeMillis();
            var afterLiveness = FaceSignIn.submit(new LoginDriver(server, realm.name()).openLiveness(),
                    faces.owner(), 91);
            assertThat(afterLiveness.page().isCodeRedirect()).as(afterLiveness.page().describe()).isFalse();

            Page result = OtpPage.expect(afterLiveness).enter(faces.phone().nextCode()).page();

            assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
            JsonNode login = realm.awaitEvent(EventType.LOGIN.name(), since(mark));
            assertThat(detail(login, EventDetails.DECISION)).isEqualTo(Decision.STEP_UP.value());
            assertThat(reasons(login)).contains(ReasonCodes.FACE_MATCH_UNAVAILABLE);
            assertThat(detail(login, EventDetails.FACE_MATCH)).isEqualTo("unavailable");
        }
    }

    private String serverLog() {
        Path log = server.logFile().orElseThrow(() -> new AssertionError("no server log"));
        try {
            return java.nio.file.Files.readString(log);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.deepfakeguard.keycloak.contract.Decision;
import dev.deepfakeguard.keycloak.contract.EventDetails;
import dev.deepfakeguard.keycloak.contract.EventErrors;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.face.reference.EnrolmentRequirement;
import dev.deepfakeguard.keycloak.it.support.AccountApi;
import dev.deepfakeguard.keycloak.it.support.AdminClient;
import dev.deepfakeguard.keycloak.it.support.EnrolFacePage;
import dev.deepfakeguard.keycloak.it.support.FaceAccount;
import dev.deepfakeguard.keycloak.it.support.FaceFixture;
import dev.deepfakeguard.keycloak.it.support.FaceModel;
import dev.deepfakeguard.keycloak.it.support.FaceRealm;
import dev.deepfakeguard.keycloak.it.support.KeycloakExtension;
import dev.deepfakeguard.keycloak.it.support.KeycloakServer;
import dev.deepfakeguard.keycloak.it.support.ManagedRealm;
import dev.deepfakeguard.keycloak.it.support.Page;
import dev.deepfakeguard.keycloak.it.support.RealmBuilder;
import dev.deepfakeguard.keycloak.it.support.WithFaceModel;

/**
 * The face reference on the real Keycloak: enrolment under liveness and a second factor, then sign-ins compared by
 * the embedded {@code onnx} matcher running the test-time embedding model ({@link WithFaceModel}) on faces from the
 * sample photos. Liveness comes from a stand-in HTTP scorer (see {@link FaceFixture}); the face match is Keycloak's.
 */
@ExtendWith(KeycloakExtension.class)
@WithFaceModel
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceMatchLoginIT {

    private final KeycloakServer server;
    private final AdminClient admin;
    private FaceFixture faces;

    FaceMatchLoginIT(KeycloakServer server, AdminClient admin) {
        this.server = server;
        this.admin = admin;
    }

    @BeforeAll
    void findFaces() {
        faces = new FaceFixture("dfg-face-login-it-authenticator-app");
    }

    @AfterAll
    void cleanUp() {
        if (faces != null) {
            faces.close();
        }
    }

    private ManagedRealm enrolmentRealm(String prefix) {
        return admin.createRealm(FaceRealm.of(faces.realm(prefix).build()).secondFactorFirst().enrolment(true)
                .accountApi().build());
    }

    private void enrol(ManagedRealm realm, long seed) {
        Page done = faces.signIn(server, realm).enrol(faces.owner(), seed);
        assertThat(done.isCodeRedirect()).as(done.describe()).isTrue();
        assertThat(FaceAccount.of(realm).reference()).as("face reference after consent").isPresent();
    }

    @Test
    @DisplayName("Given a user with a one-time-code app and the enrolment pending, when they pass the code and the "
            + "liveness check, then the enrolment is offered, needs the consent box, and stores a reference of the "
            + "loaded model that no REST response shows")
    void enrolsAfterLivenessAndSecondFactorWithConsent() {
        try (ManagedRealm realm = enrolmentRealm("dfg-face-enrol")) {
            long mark = System.currentTimeMillis();
            EnrolFacePage offer = EnrolFacePage.expect(faces.signIn(server, realm).showing(faces.owner(), 11));

            EnrolFacePage again = EnrolFacePage.expect(offer.enrolWithoutConsent());
            assertThat(again.page().message()).as(again.page().describe()).isPresent();
            assertThat(FaceAccount.of(realm).reference()).as("nothing stored without consent").isEmpty();
            Page done = again.consentAndEnrol().page();

            assertThat(done.isCodeRedirect()).as(done.describe()).isTrue();
            // The browser sign-in's LOGIN, before the account API's own sign-in below adds another.
            JsonNode login = realm.awaitEvent(EventType.LOGIN.name(), since(mark));
            assertThat(detail(login, EventDetails.FACE_MATCH)).isEqualTo("no_reference");
            JsonNode credential = FaceAccount.of(realm).reference().orElseThrow();
            assertThat(credential.path("credentialData").asText()).contains(FaceModel.sha256());
            assertThat(credential.has("secretData") && !credential.get("secretData").isNull()).isFalse();
            String user = FaceAccount.of(realm).userPath();
            for (String path : List.of(user + "/credentials", user,
                    "/admin/realms/" + realm.name() + "/users?briefRepresentation=false")) {
                assertThat(admin.exchangeRaw("GET", path, null).body()).as(path).doesNotContain("vector");
            }
            AccountApi account = AccountApi.signIn(server, realm.name(), RealmBuilder.USERNAME, RealmBuilder.PASSWORD,
                    faces.phone().nextCode());
            assertThat(account.credentialsBody()).contains(FaceRealm.CREDENTIAL_TYPE).doesNotContain("vector");
            assertThat(realm.awaitEvent(EventType.UPDATE_CREDENTIAL.name(), since(mark)).path("details")
                    .path("credential_type").asText()).isEqualTo(FaceRealm.CREDENTIAL_TYPE);
        }
    }

    @Test
    @DisplayName("Given an enrolled user, when they sign in again with other captures of their face, then the "
            + "sign-in is allowed and the LOGIN event carries face_matched and the similarity")
    void sameFacePassesLater() {
        try (ManagedRealm realm = enrolmentRealm("dfg-face-same")) {
            enrol(realm, 21);
            long mark = System.currentTimeMillis();

            Page result = faces.signIn(server, realm).showing(faces.owner(), 22).page();

            assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
            JsonNode login = realm.awaitEvent(EventType.LOGIN.name(), since(mark));
            assertThat(detail(login, EventDetails.DECISION)).isEqualTo(Decision.ALLOW.value());
            assertThat(detail(login, EventDetails.FACE_MATCH)).isEqualTo("matched");
            assertThat(reasons(login)).contains(ReasonCodes.FACE_MATCHED);
            int similarity = Integer.parseInt(detail(login, EventDetails.FACE_MATCH_SCORE));
            System.out.println("FaceMatchLoginIT same-face similarity: " + similarity);
            assertThat(similarity).isGreaterThanOrEqualTo(5000);
        }
    }

    @Test
    @DisplayName("Given an enrolled user, when someone with the password and the code shows another person's face, "
            + "then the sign-in is denied with face_mismatch")
    void otherFaceIsDenied() {
        try (ManagedRealm realm = enrolmentRealm("dfg-face-other")) {
            enrol(realm, 31);
            long mark = System.currentTimeMillis();

            Page result = faces.signIn(server, realm).showing(faces.stranger(), 32).page();

            assertThat(result.isCodeRedirect()).as(result.describe()).isFalse();
            JsonNode error = realm.awaitEvent(EventType.LOGIN_ERROR.name(), since(mark));
            assertThat(error.path("error").asText()).isEqualTo(EventErrors.LIVENESS_FAILED);
            assertThat(reasons(error)).contains(ReasonCodes.FACE_MISMATCH);
            assertThat(detail(error, EventDetails.FACE_MATCH)).isEqualTo("mismatch");
            int similarity = Integer.parseInt(detail(error, EventDetails.FACE_MATCH_SCORE));
            System.out.println("FaceMatchLoginIT other-face similarity: " + similarity);
            assertThat(similarity).isLessThan(4000);
            assertThat(realm.countEvents(EventType.LOGIN.name(), since(mark))).isZero();
        }
    }

    @Test
    @DisplayName("Given an enrolled user, when the account console offers the reference for removal and it is "
            + "removed, then it is gone and the next sign-in is treated as no_face_reference")
    void removedReferenceCountsAsNone() throws Exception {
        try (ManagedRealm realm = enrolmentRealm("dfg-face-remove")) {
            enrol(realm, 41);
            AccountApi account = AccountApi.signIn(server, realm.name(), RealmBuilder.USERNAME, RealmBuilder.PASSWORD,
                    faces.phone().nextCode());
            // The console's "Remove" is Keycloak's delete_credential action, which asks for a fresh sign-in with a
            // second factor (the reference's category); what this extension controls is that it is offered.
            JsonNode listed = null;
            for (JsonNode type : new ObjectMapper().readTree(account.credentialsBody())) {
                if (FaceRealm.CREDENTIAL_TYPE.equals(type.path("type").asText())) {
                    listed = type;
                }
            }
            assertThat(listed).as(account.credentialsBody()).isNotNull();
            assertThat(listed.path("removeable").asBoolean()).as(listed.toString()).isTrue();
            admin.call("DELETE", FaceAccount.of(realm).userPath() + "/credentials/"
                    + account.credentialId(FaceRealm.CREDENTIAL_TYPE), null, 204);

            assertThat(FaceAccount.of(realm).reference()).isEmpty();
            long mark = System.currentTimeMillis();
            Page result = faces.signIn(server, realm).showing(faces.owner(), 42).page();
            assertThat(result.isCodeRedirect()).as(result.describe()).isTrue();
            JsonNode login = realm.awaitEvent(EventType.LOGIN.name(), since(mark));
            assertThat(detail(login, EventDetails.FACE_MATCH)).isEqualTo("no_reference");
            assertThat(detail(login, EventDetails.FACE_MATCH_SCORE)).isNull();
        }
    }

    @Test
    @DisplayName("Given the realm requires enrolment for the group staff, when a member without a reference passes "
            + "the code and the liveness check, then the enrolment is offered in that sign-in; a non-member is not "
            + "asked")
    void groupMembersMustEnrol() {
        for (boolean member : new boolean[] {true, false}) {
            try (ManagedRealm realm = admin.createRealm(FaceRealm.of(faces.realm("dfg-face-group").build())
                    .secondFactorFirst().enrolment(false).group("staff", member).build())) {
                JsonNode config = JsonNodeFactory.instance.objectNode().set("config",
                        JsonNodeFactory.instance.objectNode().put(EnrolmentRequirement.GROUPS, "/staff"));
                admin.call("PUT", "/admin/realms/" + realm.name() + "/authentication/required-actions/"
                        + FaceRealm.ENROL_ACTION + "/config", config, 204);

                var next = faces.signIn(server, realm).showing(faces.owner(), member ? 71 : 72);

                if (member) {
                    Page done = EnrolFacePage.expect(next).consentAndEnrol().page();
                    assertThat(done.isCodeRedirect()).as(done.describe()).isTrue();
                    assertThat(FaceAccount.of(realm).reference()).isPresent();
                } else {
                    assertThat(next.page().isCodeRedirect()).as(next.page().describe()).isTrue();
                    assertThat(FaceAccount.of(realm).reference()).isEmpty();
                }
            }
        }
    }
}

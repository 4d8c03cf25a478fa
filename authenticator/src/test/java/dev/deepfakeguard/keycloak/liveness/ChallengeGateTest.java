package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.challenge.ChallengeIssuer;
import dev.deepfakeguard.keycloak.contract.LivenessForm;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.contract.SessionNotes;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ChallengeGateTest {

    private final Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private final Map<String, String> notes = new HashMap<>();
    private final Set<String> usedNonces = new HashSet<>();
    private AuthenticationSessionModel authSession;
    private SingleUseObjectProvider singleUse;
    private Challenge challenge;

    @BeforeEach
    void openChallenge() {
        authSession = mock(AuthenticationSessionModel.class);
        when(authSession.getAuthNote(anyString())).thenAnswer(call -> notes.get(call.<String>getArgument(0)));
        org.mockito.Mockito.doAnswer(call -> notes.put(call.getArgument(0), call.getArgument(1)))
                .when(authSession).setAuthNote(anyString(), anyString());
        org.mockito.Mockito.doAnswer(call -> notes.remove(call.<String>getArgument(0)))
                .when(authSession).removeAuthNote(anyString());
        singleUse = mock(SingleUseObjectProvider.class);
        when(singleUse.putIfAbsent(anyString(), anyLong())).thenAnswer(call -> usedNonces.add(call.getArgument(0)));
        challenge = new ChallengeIssuer(new SecureRandom(), Clock.fixed(now, ZoneOffset.UTC))
                .issue(Duration.ofSeconds(60));
        gateAt(now).open(authSession, challenge);
    }

    @Test
    void admitsTheAnswerToTheOpenChallengeOnce() throws RejectedSubmission {
        assertThat(gateAt(now.plusSeconds(5)).consume(authSession, answer(challenge.id(), challenge.nonce()), singleUse))
                .isEqualTo(challenge);
        assertThat(notes).doesNotContainKey(SessionNotes.AUTH_CHALLENGE);

        assertThatThrownBy(() -> gateAt(now.plusSeconds(6))
                .consume(authSession, answer(challenge.id(), challenge.nonce()), singleUse))
                .isInstanceOf(RejectedSubmission.class)
                .extracting(e -> ((RejectedSubmission) e).reasonCode()).isEqualTo(ReasonCodes.CHALLENGE_MISSING);
    }

    @Test
    void aWithdrawnChallengeCannotBeAnsweredAfterwards() {
        gateAt(now).withdraw(authSession);

        assertThat(notes).doesNotContainKey(SessionNotes.AUTH_CHALLENGE);
        assertRejected(answer(challenge.id(), challenge.nonce()), now.plusSeconds(1), ReasonCodes.CHALLENGE_MISSING);
    }

    @Test
    void deniesWhenTheNonceBelongsToAnotherChallenge() {
        assertRejected(answer(challenge.id(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), now, ReasonCodes.CHALLENGE_MISMATCH);
    }

    @Test
    void deniesWhenFieldsAreMissing() {
        assertRejected(new MultivaluedHashMap<>(), now, ReasonCodes.CHALLENGE_MISMATCH);
    }

    @Test
    void deniesAnExpiredChallenge() {
        assertRejected(answer(challenge.id(), challenge.nonce()), now.plusSeconds(61), ReasonCodes.CHALLENGE_EXPIRED);
    }

    @Test
    void deniesWhenTheNonceWasAlreadyClaimedElsewhereInTheCluster() throws RejectedSubmission {
        gateAt(now).consume(authSession, answer(challenge.id(), challenge.nonce()), singleUse);
        gateAt(now).open(authSession, challenge); // a stale copy of the session note, as after a replicated restore

        assertRejected(answer(challenge.id(), challenge.nonce()), now, ReasonCodes.NONCE_REPLAYED);
    }

    @Test
    void neverStoresTheNonceItself() throws RejectedSubmission {
        gateAt(now).consume(authSession, answer(challenge.id(), challenge.nonce()), singleUse);

        assertThat(usedNonces).noneMatch(key -> key.contains(challenge.nonce()));
    }

    private void assertRejected(MultivaluedMap<String, String> form, Instant at, String reason) {
        assertThatThrownBy(() -> gateAt(at).consume(authSession, form, singleUse))
                .isInstanceOf(RejectedSubmission.class)
                .extracting(e -> ((RejectedSubmission) e).reasonCode()).isEqualTo(reason);
    }

    private static ChallengeGate gateAt(Instant instant) {
        return new ChallengeGate(Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static MultivaluedMap<String, String> answer(String id, String nonce) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add(LivenessForm.CHALLENGE_ID, id);
        form.add(LivenessForm.NONCE, nonce);
        return form;
    }
}

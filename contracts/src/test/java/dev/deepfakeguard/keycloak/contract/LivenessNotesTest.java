package dev.deepfakeguard.keycloak.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.sessions.AuthenticationSessionModel;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessNotesTest {

    private static final long NOW = 1_800_000_000L;

    @ParameterizedTest(name = "pass-time note \"{0}\" with max age {1} s -> {2}")
    @CsvSource(nullValues = "null", value = {
        "1800000000, 300, true",
        "1799999700, 300, true",
        "1799999699, 300, false",
        "' 1799999900 ', 300, true",
        "1800000001, 300, false",
        "null, 300, false",
        "'', 300, false",
        "yesterday, 300, false",
        "1799999900.5, 300, false"})
    void aPassCountsOnlyWhenItsNoteIsReadableNotAheadAndNotTooOld(String note, long maxAge, boolean passed) {
        assertThat(LivenessNotes.passedWithin(note, maxAge, NOW)).isEqualTo(passed);
    }

    @Test
    void theDecisionWrittenForTheSignInIsReadBackFromTheUserSession() {
        Map<String, String> authNotes = new HashMap<>();
        Map<String, String> userNotes = new HashMap<>();
        AuthenticationSessionModel authSession = NoteMaps.authSession(authNotes, userNotes);

        LivenessNotes.recordDecision(authSession, Decision.STEP_UP, true, "scorer_unavailable", NOW);

        assertThat(LivenessNotes.decision(authSession)).contains(Decision.STEP_UP);
        assertThat(LivenessNotes.fallback(authSession)).isTrue();
        assertThat(LivenessNotes.decision(NoteMaps.userSession(userNotes))).contains(Decision.STEP_UP);
    }

    @ParameterizedTest(name = "user-session decision note \"{0}\" -> {1}")
    @CsvSource(nullValues = "null", value = {"allow, ALLOW", "step_up, STEP_UP", "deny, DENY", "ALLOW, DENY",
        "granted, DENY", "null, null"})
    void aUserSessionNoteThatIsNoKnownDecisionIsADenial(String note, Decision expected) {
        Map<String, String> notes = new HashMap<>();
        if (note != null) {
            notes.put(SessionNotes.AUTH_DECISION, note);
        }

        assertThat(LivenessNotes.decision(NoteMaps.userSession(notes))).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void theFaceMatchIsWrittenReadAndClearedHere() {
        Map<String, String> authNotes = new HashMap<>();
        AuthenticationSessionModel authSession = NoteMaps.authSession(authNotes, new HashMap<>());

        LivenessNotes.recordFaceMatch(authSession, "mismatch");
        assertThat(authNotes).containsEntry(SessionNotes.FACE_MATCH, "mismatch");
        assertThat(LivenessNotes.faceMatch(authSession)).contains("mismatch");

        LivenessNotes.clearFaceMatch(authSession);
        assertThat(LivenessNotes.faceMatch(authSession)).isEmpty();
    }

    @Test
    void failedAttemptsAreCountedFromWhatTheRequestRead() {
        Map<String, String> authNotes = new HashMap<>(Map.of(SessionNotes.AUTH_ATTEMPTS, "1"));
        AuthenticationSessionModel authSession = NoteMaps.authSession(authNotes, new HashMap<>());

        Attempts read = LivenessNotes.attempts(authSession);
        Attempts after = LivenessNotes.recordFailedAttempt(authSession, read);

        assertThat(read.used()).isEqualTo(1);
        assertThat(after.used()).isEqualTo(2);
        assertThat(authNotes).containsEntry(SessionNotes.AUTH_ATTEMPTS, "2");
    }
}

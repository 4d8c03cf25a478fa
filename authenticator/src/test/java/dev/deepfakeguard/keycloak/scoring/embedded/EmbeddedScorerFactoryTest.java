package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.scoring.LivenessScorer;
import dev.deepfakeguard.keycloak.scoring.ScoreResult;
import dev.deepfakeguard.keycloak.scoring.ScoringRequest;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class EmbeddedScorerFactoryTest {

    @Test
    void remembersFingerprintsClusterWideUnderRealmNamespacedKeysWithTheConfiguredTtl() {
        EmbeddedScorerFactory factory = new EmbeddedScorerFactory();
        factory.init(scope(3_600L));
        SingleUseObjectProvider singleUse = mock(SingleUseObjectProvider.class);
        when(singleUse.putIfAbsent(anyString(), anyLong())).thenReturn(true);
        Challenge challenge = SyntheticFrames.challenge(71);
        ScoringRequest request = SyntheticFrames.request(challenge, SyntheticFrames.following(challenge, 71), "");

        factory.create(session(singleUse)).score(request);

        verify(singleUse, atLeastOnce()).putIfAbsent(startsWith("dfg-replay:" + SyntheticFrames.REALM_ID + ":"),
                eq(3_600L));
    }

    @Test
    void treatsAFingerprintTheClusterAlreadyHoldsAsReplay() {
        EmbeddedScorerFactory factory = new EmbeddedScorerFactory();
        factory.init(scope(EmbeddedScorerFactory.DEFAULT_REPLAY_TTL_SECONDS));
        SingleUseObjectProvider singleUse = mock(SingleUseObjectProvider.class);
        when(singleUse.putIfAbsent(anyString(), anyLong())).thenReturn(false);
        Challenge challenge = SyntheticFrames.challenge(72);

        var result = factory.create(session(singleUse))
                .score(SyntheticFrames.request(challenge, SyntheticFrames.following(challenge, 72), ""));

        assertThat(result.reasonCodes()).contains(ReasonCodes.REPLAYED_MEDIA);
    }

    @Test
    void givesNoVerdictWhenTheClusterStoreFails() {
        EmbeddedScorerFactory factory = new EmbeddedScorerFactory();
        factory.init(scope(EmbeddedScorerFactory.DEFAULT_REPLAY_TTL_SECONDS));
        SingleUseObjectProvider singleUse = mock(SingleUseObjectProvider.class);
        when(singleUse.putIfAbsent(anyString(), anyLong())).thenThrow(new IllegalStateException("cache down"));
        Challenge challenge = SyntheticFrames.challenge(73);

        var result = factory.create(session(singleUse))
                .score(SyntheticFrames.request(challenge, SyntheticFrames.following(challenge, 73), ""));

        assertThat(result.isCompleted()).isFalse();
        assertThat(result.livenessScore()).isZero();
        assertThat(result.reasonCodes()).contains(ReasonCodes.SCORER_UNAVAILABLE,
                EmbeddedScorer.REPLAY_CHECK_UNAVAILABLE);
    }

    @Test
    void defaultsToOneDayOfReplayMemory() {
        EmbeddedScorerFactory factory = new EmbeddedScorerFactory();
        factory.init(scope(EmbeddedScorerFactory.DEFAULT_REPLAY_TTL_SECONDS));

        assertThat(factory.replayTtlSeconds()).isEqualTo(86_400L);
        assertThat(factory.getId()).isEqualTo("embedded");
        assertThat(factory.getConfigMetadata()).singleElement()
                .satisfies(property -> assertThat(property.getName()).isEqualTo("replay-ttl-seconds"));
    }

    @Test
    void givesNoVerdictWhenTheModelFileIsDamaged() throws Exception {
        byte[] damaged = FaceModel.bundled().bytes();
        damaged[damaged.length / 2] ^= 0x5a;
        String pinned = FaceModel.bundled().sha256();
        EmbeddedScorerFactory factory = new EmbeddedScorerFactory(() -> FaceModel.verified(damaged, pinned));

        ScoreResult result = scoreWith(factory, 74);

        assertNoVerdict(result, EmbeddedScorer.FACE_MODEL_UNAVAILABLE);
        factory.close();
    }

    @Test
    void givesNoVerdictWhenTheRuntimeCannotParseTheModel() throws Exception {
        // Bytes with a matching digest that are not an ONNX model: the digest passes, ONNX Runtime refuses.
        byte[] garbage = "not an onnx model".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String digest = sha256(garbage);
        EmbeddedScorerFactory factory = new EmbeddedScorerFactory(() -> FaceModel.verified(garbage, digest));

        ScoreResult result = scoreWith(factory, 75);

        assertNoVerdict(result, EmbeddedScorer.FACE_MODEL_UNAVAILABLE);
        factory.close();
    }

    @Test
    void givesNoVerdictWhenTheNativeRuntimeIsMissing() {
        EmbeddedScorerFactory factory = new EmbeddedScorerFactory(() -> {
            throw new FaceModelException(FaceModelException.UNAVAILABLE, "no libonnxruntime.so for this platform",
                    new UnsatisfiedLinkError("libonnxruntime.so"));
        });

        assertNoVerdict(scoreWith(factory, 76), EmbeddedScorer.FACE_MODEL_UNAVAILABLE);
    }

    @Test
    void givesNoVerdictWhenInferenceFailsAfterStartUp() {
        EmbeddedScorerFactory factory = new EmbeddedScorerFactory();
        factory.init(scope(EmbeddedScorerFactory.DEFAULT_REPLAY_TTL_SECONDS));
        LivenessScorer scorer = factory.create(session(acceptingStore()));
        // The session is closed under the scorer's feet: every inference now fails inside ONNX Runtime.
        factory.close();
        Challenge challenge = SyntheticFrames.challenge(77);

        ScoreResult result = scorer.score(SyntheticFrames.request(challenge,
                SyntheticFrames.following(challenge, 77), ""));

        assertNoVerdict(result, EmbeddedScorer.FACE_DETECTION_FAILED);
    }

    @Test
    void refusesANonPositiveTtl() {
        assertThatThrownBy(() -> new EmbeddedScorerFactory().init(scope(0L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ScoreResult scoreWith(EmbeddedScorerFactory factory, long seed) {
        factory.init(scope(EmbeddedScorerFactory.DEFAULT_REPLAY_TTL_SECONDS));
        Challenge challenge = SyntheticFrames.challenge(seed);
        return factory.create(session(acceptingStore()))
                .score(SyntheticFrames.request(challenge, SyntheticFrames.following(challenge, seed), ""));
    }

    private static void assertNoVerdict(ScoreResult result, String reason) {
        assertThat(result.isCompleted()).isFalse();
        assertThat(result.livenessScore()).isZero();
        assertThat(result.reasonCodes()).containsExactly(ReasonCodes.SCORER_UNAVAILABLE, reason);
    }

    private static SingleUseObjectProvider acceptingStore() {
        SingleUseObjectProvider singleUse = mock(SingleUseObjectProvider.class);
        when(singleUse.putIfAbsent(anyString(), anyLong())).thenReturn(true);
        return singleUse;
    }

    private static String sha256(byte[] data) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static KeycloakSession session(SingleUseObjectProvider singleUse) {
        KeycloakSession session = mock(KeycloakSession.class);
        when(session.singleUseObjects()).thenReturn(singleUse);
        return session;
    }

    private static Config.Scope scope(long ttlSeconds) {
        Config.Scope scope = mock(Config.Scope.class);
        when(scope.getLong(EmbeddedScorerFactory.REPLAY_TTL_OPTION, EmbeddedScorerFactory.DEFAULT_REPLAY_TTL_SECONDS))
                .thenReturn(ttlSeconds);
        return scope;
    }
}

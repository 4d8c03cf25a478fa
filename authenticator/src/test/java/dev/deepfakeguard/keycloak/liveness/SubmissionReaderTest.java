package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.challenge.ChallengeIssuer;
import dev.deepfakeguard.keycloak.contract.LivenessForm;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.testing.HostileJpegs;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubmissionReaderTest {

    /** What the page captures: a baseline JPEG of the server's frame size. */
    private static final byte[] FRAME = HostileJpegs.baseline(320, 240);

    private final Challenge challenge = new ChallengeIssuer(new SecureRandom(), Clock.systemUTC())
            .issue(Duration.ofMinutes(2));
    private final SubmissionReader reader = new SubmissionReader();

    @Test
    void readsOneFramePerStepWithItsTime() throws RejectedSubmission {
        Submission submission = reader.read(validForm(), challenge);

        assertThat(submission.frames()).hasSize(challenge.colours().size());
        assertThat(submission.frames().get(1).capturedAtMillis()).isEqualTo(1080);
        assertThat(submission.signals().deviceLabel()).isEqualTo("Integrated Camera");
    }

    @Test
    void refusesAnOversizedFrameBeforeDecodingIt() {
        MultivaluedMap<String, String> form = validForm();
        form.putSingle(LivenessForm.frameField(3), "A".repeat(SubmissionReader.MAX_FRAME_BYTES / 3 * 4 + 8));

        assertReason(form, ReasonCodes.SUBMISSION_TOO_LARGE);
    }

    @Test
    void refusesAFrameThatIsNotAJpeg() {
        MultivaluedMap<String, String> form = validForm();
        form.putSingle(LivenessForm.frameField(0), Base64.getEncoder().encodeToString("GIF89a....".getBytes()));

        assertReason(form, ReasonCodes.SUBMISSION_MALFORMED);
    }

    @Test
    void refusesAProgressiveFrameWithThousandsOfScansBeforeAnythingDecodesIt() {
        byte[] hostile = HostileJpegs.progressiveManyScans();
        assertThat(hostile.length).isLessThanOrEqualTo(SubmissionReader.MAX_FRAME_BYTES);
        assertThat(HostileJpegs.scans(hostile)).isGreaterThan(1000);
        MultivaluedMap<String, String> form = validForm();
        form.putSingle(LivenessForm.frameField(4), Base64.getEncoder().encodeToString(hostile));
        form.putSingle("dfg_frame_width", "640");
        form.putSingle("dfg_frame_height", "480");

        // The reader is the last step before the scorer: refusing here means no decoder ever sees the frame.
        assertReason(form, ReasonCodes.FRAME_NOT_BASELINE);
    }

    @Test
    void refusesFramesSmallerThanTheServersFrameSizeWhateverThePageReports() {
        MultivaluedMap<String, String> form = validForm();
        String tiny = Base64.getEncoder().encodeToString(HostileJpegs.baseline(18, 16));
        for (int i = 0; i < challenge.colours().size(); i++) {
            form.putSingle(LivenessForm.frameField(i), tiny);
        }
        form.putSingle("dfg_frame_width", "18");
        form.putSingle("dfg_frame_height", "16");

        assertReason(form, ReasonCodes.FRAME_SIZE_MISMATCH);
    }

    @Test
    void analysesTheServersFrameSizeWhateverThePageReports() throws RejectedSubmission {
        MultivaluedMap<String, String> form = validForm();
        form.putSingle("dfg_frame_width", "18");
        form.putSingle("dfg_frame_height", "16");

        Submission submission = reader.read(form, challenge);

        assertThat(submission.signals().width()).isEqualTo(320);
        assertThat(submission.signals().height()).isEqualTo(240);
    }

    @Test
    void refusesMoreFramesThanSteps() {
        MultivaluedMap<String, String> form = validForm();
        form.putSingle(LivenessForm.frameField(challenge.colours().size()), base64Jpeg());

        assertReason(form, ReasonCodes.SUBMISSION_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1,2,3", "480,1080,1680,2280,2880,3480,4080,x", "480,480,1680,2280,2880,3480,4080,4680",
            "-1,1080,1680,2280,2880,3480,4080,4680", "480,1080,1680,2280,2880,3480,4080,99999999"})
    void refusesImplausibleFrameTimes(String times) {
        MultivaluedMap<String, String> form = validForm();
        form.putSingle(LivenessForm.FRAME_TIMES, times);

        assertReason(form, ReasonCodes.SUBMISSION_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "%%%%"})
    void refusesFramesThatAreNotBase64(String frame) {
        MultivaluedMap<String, String> form = validForm();
        form.putSingle(LivenessForm.frameField(2), frame);

        assertReason(form, ReasonCodes.SUBMISSION_MALFORMED);
    }

    @Test
    void refusesAMissingFrame() {
        MultivaluedMap<String, String> form = validForm();
        form.remove(LivenessForm.frameField(7));

        assertReason(form, ReasonCodes.SUBMISSION_MALFORMED);
    }

    private void assertReason(MultivaluedMap<String, String> form, String reason) {
        assertThatThrownBy(() -> reader.read(form, challenge))
                .isInstanceOf(RejectedSubmission.class)
                .extracting(e -> ((RejectedSubmission) e).reasonCode()).isEqualTo(reason);
    }

    private MultivaluedMap<String, String> validForm() {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        StringBuilder times = new StringBuilder();
        for (int i = 0; i < challenge.colours().size(); i++) {
            form.add(LivenessForm.frameField(i), base64Jpeg());
            times.append(i == 0 ? "" : ",").append(480 + i * 600);
        }
        form.add(LivenessForm.FRAME_TIMES, times.toString());
        form.add(LivenessForm.DEVICE_LABEL, "Integrated Camera");
        form.add("dfg_frame_width", "320");
        form.add("dfg_frame_height", "240");
        return form;
    }

    private static String base64Jpeg() {
        return Base64.getEncoder().encodeToString(FRAME);
    }
}

package dev.deepfakeguard.keycloak.liveness;

import dev.deepfakeguard.keycloak.challenge.Challenge;
import dev.deepfakeguard.keycloak.contract.LivenessForm;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.scoring.ClientSignals;
import dev.deepfakeguard.keycloak.scoring.FrameFormat;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the frames of a submission. Every cap is checked on the encoded form before a single byte is decoded; each
 * frame's JPEG structure and size are then checked on its bytes ({@link FrameFormat}), and JPEG decoding is left to
 * the scorer: a hostile submission costs us string lengths and one walk over marker segments, not image decoders.
 * The frame size is the server's: the page's own idea of it, if it still sends one, is never read.
 */
final class SubmissionReader {

    /** 320×240 JPEG at quality 0.8 is 10–25 KiB; 64 KiB leaves room for detailed scenes, not for video. */
    static final int MAX_FRAME_BYTES = 64 * 1024;
    static final int MAX_TOTAL_BYTES = 512 * 1024;
    private static final int MAX_BASE64_CHARS = (MAX_FRAME_BYTES + 2) / 3 * 4;

    Submission read(MultivaluedMap<String, String> form, Challenge challenge) throws RejectedSubmission {
        int steps = challenge.colours().size();
        long[] times = parseTimes(form.getFirst(LivenessForm.FRAME_TIMES), steps, challenge.scriptMillis());
        List<String> encoded = new ArrayList<>(steps);
        long totalChars = 0;
        for (int i = 0; i < steps; i++) {
            String field = form.getFirst(LivenessForm.frameField(i));
            if (field == null || field.isEmpty()) {
                throw malformed("frame " + i + " missing");
            }
            if (field.length() > MAX_BASE64_CHARS) {
                throw tooLarge("frame " + i + " has " + field.length() + " base64 characters");
            }
            totalChars += field.length();
            encoded.add(field);
        }
        if (form.getFirst(LivenessForm.frameField(steps)) != null) {
            throw malformed("more frames than steps");
        }
        if (totalChars > (long) MAX_TOTAL_BYTES / 3 * 4) {
            throw tooLarge("submission has " + totalChars + " base64 characters");
        }
        List<CapturedFrame> frames = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            frames.add(decode(encoded.get(i), times[i], i));
        }
        return new Submission(frames, new ClientSignals(form.getFirst(LivenessForm.DEVICE_LABEL), FrameFormat.WIDTH,
                FrameFormat.HEIGHT));
    }

    private static long[] parseTimes(String raw, int steps, long scriptMillis) throws RejectedSubmission {
        if (raw == null || raw.length() > steps * 12) {
            throw malformed("frame times missing or too long");
        }
        String[] parts = raw.split(",", -1);
        if (parts.length != steps) {
            throw malformed("expected " + steps + " frame times, got " + parts.length);
        }
        long[] times = new long[steps];
        for (int i = 0; i < steps; i++) {
            try {
                times[i] = Long.parseLong(parts[i].strip());
            } catch (NumberFormatException e) {
                throw malformed("frame time " + i + " is not a whole number");
            }
            if (times[i] < 0 || times[i] > scriptMillis * 4 || (i > 0 && times[i] <= times[i - 1])) {
                throw malformed("frame times out of order or range");
            }
        }
        return times;
    }

    private static CapturedFrame decode(String base64, long time, int index) throws RejectedSubmission {
        byte[] jpeg;
        CapturedFrame frame;
        try {
            jpeg = Base64.getDecoder().decode(base64);
            frame = CapturedFrame.of(jpeg, time);
        } catch (IllegalArgumentException e) {
            throw malformed("frame " + index + " is not base64 JPEG");
        }
        try {
            FrameFormat.check(jpeg);
        } catch (FrameFormat.Violation violation) {
            throw new RejectedSubmission(RejectedSubmission.Kind.SUBMISSION, violation.reasonCode(),
                    "frame " + index + ": " + violation.getMessage());
        }
        return frame;
    }

    private static RejectedSubmission malformed(String message) {
        return new RejectedSubmission(RejectedSubmission.Kind.SUBMISSION, ReasonCodes.SUBMISSION_MALFORMED, message);
    }

    private static RejectedSubmission tooLarge(String message) {
        return new RejectedSubmission(RejectedSubmission.Kind.SUBMISSION, ReasonCodes.SUBMISSION_TOO_LARGE, message);
    }
}

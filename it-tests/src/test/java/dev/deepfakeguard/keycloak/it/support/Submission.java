package dev.deepfakeguard.keycloak.it.support;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.deepfakeguard.keycloak.contract.LivenessForm.ACTION;
import static dev.deepfakeguard.keycloak.contract.LivenessForm.ACTION_NO_CAMERA;
import static dev.deepfakeguard.keycloak.contract.LivenessForm.ACTION_SUBMIT;
import static dev.deepfakeguard.keycloak.contract.LivenessForm.CHALLENGE_ID;
import static dev.deepfakeguard.keycloak.contract.LivenessForm.CONSENT;
import static dev.deepfakeguard.keycloak.contract.LivenessForm.CONSENT_GIVEN;
import static dev.deepfakeguard.keycloak.contract.LivenessForm.DEVICE_LABEL;
import static dev.deepfakeguard.keycloak.contract.LivenessForm.FRAME_TIMES;
import static dev.deepfakeguard.keycloak.contract.LivenessForm.NONCE;
import static dev.deepfakeguard.keycloak.contract.LivenessForm.frameField;

import dev.deepfakeguard.keycloak.scoring.CapturedFrame;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;

/**
 * The form fields the liveness page posts, immutable; each mutator returns a changed copy, so a story can start
 * from a valid submission and break exactly one thing.
 */
public final class Submission {

    /** What a built-in laptop camera reports: no virtual-camera signal. */
    public static final String CAMERA_LABEL = SyntheticFrames.WEBCAM_LABEL;

    private final Map<String, String> fields;

    private Submission(Map<String, String> fields) {
        this.fields = Map.copyOf(fields);
    }

    /** A complete, well-formed submission of {@code frames} for the challenge on {@code page}. */
    public static Submission of(LivenessPage page, List<CapturedFrame> frames) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ACTION, ACTION_SUBMIT);
        fields.put(CONSENT, CONSENT_GIVEN);
        fields.put(CHALLENGE_ID, page.challengeId());
        fields.put(NONCE, page.nonce());
        for (int i = 0; i < frames.size(); i++) {
            fields.put(frameField(i), frames.get(i).base64());
        }
        fields.put(FRAME_TIMES, SyntheticFrames.frameTimes(frames));
        fields.put(DEVICE_LABEL, CAMERA_LABEL);
        return new Submission(fields);
    }

    /** What the page posts when the person has no usable camera. */
    public static Submission noCamera(LivenessPage page) {
        return new Submission(Map.of(ACTION, ACTION_NO_CAMERA, CHALLENGE_ID, page.challengeId(), NONCE, page.nonce()));
    }

    public Map<String, String> fields() {
        return fields;
    }

    public Submission with(String field, String value) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put(field, value);
        return new Submission(changed);
    }

    public Submission without(String field) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.remove(field);
        return new Submission(changed);
    }

    public Submission frame(int index, String base64) {
        return with(frameField(index), base64);
    }

    /** Frame {@code index} replaced by a JPEG-headed blob larger than the page's per-frame cap. */
    public Submission oversizedFrame(int index, int maxFrameBytes) {
        byte[] blob = new byte[maxFrameBytes + 4096];
        blob[0] = (byte) 0xff;
        blob[1] = (byte) 0xd8;
        blob[2] = (byte) 0xff;
        return frame(index, Base64.getEncoder().encodeToString(blob));
    }

    /** Frame {@code index} replaced by text outside the base64 alphabet. */
    public Submission nonBase64Frame(int index) {
        return frame(index, "this is *not* base64 %%% !!!");
    }

    /** Frame {@code index} replaced by valid base64 of bytes that are not a JPEG (a PNG signature and noise). */
    public Submission nonJpegFrame(int index) {
        byte[] png = new byte[2048];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, png, 0, signature.length);
        for (int i = signature.length; i < png.length; i++) {
            png[i] = (byte) (i * 31);
        }
        return frame(index, Base64.getEncoder().encodeToString(png));
    }
}

package dev.deepfakeguard.keycloak.it.support;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.deepfakeguard.keycloak.scoring.CapturedFrame;

/**
 * The form fields the liveness page posts, immutable; each mutator returns a changed copy, so a story can start
 * from a valid submission and break exactly one thing.
 */
public final class Submission {

    public static final String ACTION = "dfg_action";
    public static final String CONSENT = "dfg_consent";
    public static final String CHALLENGE_ID = "dfg_challenge_id";
    public static final String NONCE = "dfg_nonce";
    public static final String FRAME_PREFIX = "dfg_frame_";
    public static final String FRAME_TIMES = "dfg_frame_times";
    public static final String DEVICE_LABEL = "dfg_device_label";
    public static final String FRAME_WIDTH = "dfg_frame_width";
    public static final String FRAME_HEIGHT = "dfg_frame_height";

    /** What a built-in laptop camera reports: no virtual-camera signal. */
    public static final String CAMERA_LABEL = "Integrated Camera (04f2:b6dd)";

    private final Map<String, String> fields;

    private Submission(Map<String, String> fields) {
        this.fields = Map.copyOf(fields);
    }

    /** A complete, well-formed submission of {@code frames} for the challenge on {@code page}. */
    public static Submission of(LivenessPage page, List<CapturedFrame> frames) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ACTION, "submit");
        fields.put(CONSENT, "yes");
        fields.put(CHALLENGE_ID, page.challengeId());
        fields.put(NONCE, page.nonce());
        for (int i = 0; i < frames.size(); i++) {
            fields.put(FRAME_PREFIX + i, frames.get(i).base64());
        }
        fields.put(FRAME_TIMES, frames.stream().map(f -> Long.toString(f.capturedAtMillis()))
                .collect(Collectors.joining(",")));
        fields.put(DEVICE_LABEL, CAMERA_LABEL);
        fields.put(FRAME_WIDTH, Integer.toString(page.frameWidth()));
        fields.put(FRAME_HEIGHT, Integer.toString(page.frameHeight()));
        return new Submission(fields);
    }

    /** What the page posts when the person has no usable camera. */
    public static Submission noCamera(LivenessPage page) {
        return new Submission(Map.of(ACTION, "no_camera", CHALLENGE_ID, page.challengeId(), NONCE, page.nonce()));
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
        return with(FRAME_PREFIX + index, base64);
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

package dev.deepfakeguard.keycloak.challenge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A server-issued liveness challenge: a random nonce and a random script of screen colours and head-turn prompts that
 * the page plays while it captures one frame per step. Stored in the authentication session, consumed by the first
 * submission.
 *
 * @param id            public identifier of the challenge (appears in events)
 * @param nonce         secret binding value, base64url of at least 128 random bits; never logged
 * @param colours       screen colour of each step; the page captures one frame at the end of each step
 * @param poses         head pose the page asks for during each step, one per colour
 * @param stepMillis    how long each colour is held
 * @param issuedAtMillis  server clock at issue
 * @param expiresAtMillis server clock after which a submission is rejected
 */
public record Challenge(String id, String nonce, List<ScreenColour> colours, List<HeadPose> poses, int stepMillis,
                        long issuedAtMillis, long expiresAtMillis) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final char FIELD = '|';

    public Challenge {
        if (id == null || !TOKEN.matcher(id).matches()) {
            throw new IllegalArgumentException("challenge id malformed");
        }
        if (nonce == null || !TOKEN.matcher(nonce).matches() || nonce.length() < 22) {
            throw new IllegalArgumentException("challenge nonce malformed");
        }
        if (colours == null || colours.size() < 2) {
            throw new IllegalArgumentException("challenge needs at least two colours");
        }
        if (stepMillis < 334) {
            // WCAG 2.3.1: never more than three changes per second.
            throw new IllegalArgumentException("step shorter than WCAG 2.3.1 allows");
        }
        if (expiresAtMillis <= issuedAtMillis) {
            throw new IllegalArgumentException("challenge expires before it is issued");
        }
        if (poses == null || poses.size() != colours.size()) {
            throw new IllegalArgumentException("challenge needs one head pose per colour");
        }
        colours = List.copyOf(colours);
        poses = List.copyOf(poses);
    }

    /** A colour-only challenge: every step asks the person to look straight at the screen. */
    public static Challenge colourOnly(String id, String nonce, List<ScreenColour> colours, int stepMillis,
                                      long issuedAtMillis, long expiresAtMillis) {
        return new Challenge(id, nonce, colours, Collections.nCopies(colours == null ? 0 : colours.size(),
                HeadPose.FRONT), stepMillis, issuedAtMillis, expiresAtMillis);
    }

    /** Number of steps, and so of frames. */
    public int steps() {
        return colours.size();
    }

    /** Time the page needs to play the whole script. */
    public long scriptMillis() {
        return (long) stepMillis * colours.size();
    }

    public boolean isExpiredAt(long nowMillis) {
        return nowMillis > expiresAtMillis;
    }

    /** Compact form for the authentication-session note. */
    public String serialize() {
        StringBuilder out = new StringBuilder(160);
        out.append(id).append(FIELD).append(nonce).append(FIELD);
        for (int i = 0; i < colours.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(colours.get(i).hex());
        }
        out.append(FIELD);
        poses.forEach(pose -> out.append(pose.code()));
        out.append(FIELD).append(stepMillis).append(FIELD).append(issuedAtMillis).append(FIELD)
                .append(expiresAtMillis);
        return out.toString();
    }

    /** Inverse of {@link #serialize()}; throws {@link IllegalArgumentException} on anything else. */
    public static Challenge parse(String serialized) {
        if (serialized == null) {
            throw new IllegalArgumentException("no challenge");
        }
        String[] fields = serialized.split("\\|", -1);
        if (fields.length != 7) {
            throw new IllegalArgumentException("challenge note malformed");
        }
        List<ScreenColour> colours = new ArrayList<>();
        for (String hex : fields[2].split(",", -1)) {
            colours.add(ScreenColour.parseHex(hex));
        }
        List<HeadPose> poses = new ArrayList<>();
        for (char code : fields[3].toCharArray()) {
            poses.add(HeadPose.fromCode(code));
        }
        try {
            return new Challenge(fields[0], fields[1], colours, poses, Integer.parseInt(fields[4]),
                    Long.parseLong(fields[5]), Long.parseLong(fields[6]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("challenge note malformed", e);
        }
    }

    @Override
    public String toString() {
        // The nonce is a secret binding value: keep it out of logs.
        StringBuilder script = new StringBuilder(poses.size());
        poses.forEach(pose -> script.append(pose.code()));
        return "Challenge[id=" + id + ", steps=" + colours.size() + ", poses=" + script + ", stepMillis=" + stepMillis
                + "]";
    }
}

package dev.deepfakeguard.keycloak.scoring;

import dev.deepfakeguard.keycloak.contract.ReasonCodes;

/**
 * What every frame a scorer receives is: a baseline JPEG (SOF0, 8-bit, three components in one interleaved scan)
 * of exactly {@value #WIDTH}×{@value #HEIGHT} pixels with a plain marker structure. The server fixes this, not the
 * page: the liveness page captures at this size (a browser canvas writes exactly such a JPEG), and admission checks
 * it on the bytes with {@link #check} before any image decoder sees them.
 *
 * <p>Why so strict: a decoder's cost depends on the JPEG's structure, not on its size in bytes. A 64 KiB
 * progressive JPEG with thousands of redundant scans keeps ImageIO busy for seconds, because it renders the whole
 * image after every scan; a single baseline scan of 320×240 decodes in about a millisecond. Walking the marker
 * segments is one pass over at most 64 KiB.
 */
public final class FrameFormat {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    /** A browser's frame has about eight segments (JFIF, two quantisation and four Huffman tables, frame header). */
    public static final int MAX_SEGMENTS = 32;
    /** A baseline JPEG from a canvas has exactly one scan. */
    public static final int MAX_SCANS = 1;

    private FrameFormat() {
    }

    /**
     * @throws Violation naming the first way the bytes are not an admissible frame; never decodes anything
     */
    public static void check(byte[] jpeg) throws Violation {
        new BaselineJpeg(jpeg).walk();
    }

    /** Why a frame is not admissible: a stable reason code for events and a message for the log. */
    public static final class Violation extends Exception {

        private final String reasonCode;

        private Violation(String reasonCode, String message) {
            super(message, null, false, false);
            this.reasonCode = reasonCode;
        }

        /** Broken marker structure: truncated, wrong lengths, unknown or misplaced markers, bytes after the end. */
        static Violation malformed(String message) {
            return new Violation(ReasonCodes.SUBMISSION_MALFORMED, message);
        }

        /** A JPEG, but not a single-scan baseline one: progressive, arithmetic, lossless, hierarchical, 12-bit. */
        static Violation notBaseline(String message) {
            return new Violation(ReasonCodes.FRAME_NOT_BASELINE, message);
        }

        /** A baseline JPEG of another size than the server's. */
        static Violation sizeMismatch(String message) {
            return new Violation(ReasonCodes.FRAME_SIZE_MISMATCH, message);
        }

        public String reasonCode() {
            return reasonCode;
        }
    }
}

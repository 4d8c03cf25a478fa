package dev.deepfakeguard.keycloak.scoring;

import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import dev.deepfakeguard.keycloak.testing.HostileJpegs;
import dev.deepfakeguard.keycloak.testing.JpegSegments;
import dev.deepfakeguard.keycloak.testing.SyntheticFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import static dev.deepfakeguard.keycloak.testing.JpegSegments.SOF0;
import static dev.deepfakeguard.keycloak.testing.JpegSegments.SOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameFormatTest {

    private static final int DRI = 0xdd;
    private static final int COM = 0xfe;
    private static final int APP1 = 0xe1;

    /** A frame as the page sends it: the JDK encoder writes what a browser canvas writes (SOF0, one scan). */
    private static final byte[] FRAME = HostileJpegs.baseline(FrameFormat.WIDTH, FrameFormat.HEIGHT);

    @Test
    void admitsTheFramesThePageSends() throws IOException {
        for (CapturedFrame frame : SyntheticFrames.following(SyntheticFrames.challenge(3), 3)) {
            try (InputStream in = frame.openStream()) {
                byte[] jpeg = in.readAllBytes();
                assertThatCode(() -> FrameFormat.check(jpeg)).doesNotThrowAnyException();
            }
        }
    }

    @ParameterizedTest(name = "quality {0}")
    @ValueSource(floats = {0.05f, 0.2f, 0.35f, 0.5f, 0.65f, 0.8f, 0.95f, 1.0f})
    void admitsEveryQualityThePageMayFallBackTo(float quality) {
        byte[] jpeg = HostileJpegs.encode(noise(FrameFormat.WIDTH, FrameFormat.HEIGHT), false, quality);

        assertThatCode(() -> FrameFormat.check(jpeg)).doesNotThrowAnyException();
    }

    @Test
    void refusesTheProgressiveFrameWithThousandsOfScans() {
        byte[] hostile = HostileJpegs.progressiveManyScans();
        assertThat(hostile.length).isLessThanOrEqualTo(HostileJpegs.MAX_FRAME_BYTES);
        assertThat(HostileJpegs.scans(hostile)).isGreaterThan(1000);

        assertViolation(hostile, ReasonCodes.FRAME_NOT_BASELINE, "progressive");
    }

    @ParameterizedTest(name = "SOF marker 0x{0}")
    @ValueSource(strings = {"c1", "c2", "c3", "c5", "c6", "c7", "c9", "ca", "cb", "cd", "ce", "cf"})
    void refusesEveryFrameTypeButBaseline(String marker) {
        byte[] jpeg = segments().remark(SOF0, Integer.parseInt(marker, 16)).bytes();

        assertViolation(jpeg, ReasonCodes.FRAME_NOT_BASELINE, "frame header");
    }

    @Test
    void refusesASecondScan() {
        JpegSegments frame = segments();
        byte[] jpeg = frame.append(frame.first(SOS)).bytes();

        assertViolation(jpeg, ReasonCodes.FRAME_NOT_BASELINE, "more than 1 scan");
    }

    @Test
    void refusesArithmeticCodingTables() {
        byte[] jpeg = segments().with(1, JpegSegments.segment(0xcc, new byte[] {0x00, 0x10})).bytes();

        assertViolation(jpeg, ReasonCodes.FRAME_NOT_BASELINE, "arithmetic");
    }

    @Test
    void refusesSixteenBitQuantisationTables() {
        byte[] jpeg = segments().map(0xdb, bytes -> {
            bytes[4] = (byte) (0x10 | (bytes[4] & 0x0f));
            return bytes;
        }).bytes();

        assertViolation(jpeg, ReasonCodes.FRAME_NOT_BASELINE, "16-bit");
    }

    @Test
    void refusesGreyscale() {
        BufferedImage grey = new BufferedImage(FrameFormat.WIDTH, FrameFormat.HEIGHT, BufferedImage.TYPE_BYTE_GRAY);

        assertViolation(HostileJpegs.encode(grey, false, 0.8f), ReasonCodes.FRAME_NOT_BASELINE, "1 components");
    }

    @ParameterizedTest(name = "spectral selection and approximation {0} {1} {2}")
    @CsvSource({"0, 0, 0", "1, 63, 0", "0, 63, 1", "0, 63, 16"})
    void refusesAScanThatIsNotTheFullSpectrumAtOnce(int start, int end, int approximation) {
        byte[] jpeg = segments().map(SOS, bytes -> {
            int spectral = 4 + 1 + 2 * 3;
            bytes[spectral] = (byte) start;
            bytes[spectral + 1] = (byte) end;
            bytes[spectral + 2] = (byte) approximation;
            return bytes;
        }).bytes();

        assertViolation(jpeg, ReasonCodes.FRAME_NOT_BASELINE, "spectral selection");
    }

    @Test
    void refusesAScanOverOneComponent() {
        byte[] jpeg = segments().map(SOS, bytes -> {
            // Ns = 1: the scan header shrinks by two component entries; the entropy data stays as it is.
            byte[] header = {(byte) 0xff, (byte) SOS, 0, 8, 1, bytes[5], bytes[6], 0, 63, 0};
            byte[] changed = Arrays.copyOf(header, header.length + bytes.length - 14);
            System.arraycopy(bytes, 14, changed, header.length, bytes.length - 14);
            return changed;
        }).bytes();

        assertViolation(jpeg, ReasonCodes.FRAME_NOT_BASELINE, "scan over 1 components");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"18, 16", "160, 120", "321, 240", "320, 241", "240, 320", "640, 480"})
    void refusesEveryOtherSize(int width, int height) {
        assertViolation(HostileJpegs.baseline(width, height), ReasonCodes.FRAME_SIZE_MISMATCH, width + "x" + height);
    }

    @Test
    void refusesAHeightLeftToADnlMarker() {
        byte[] jpeg = segments().map(SOF0, bytes -> {
            bytes[5] = 0;
            bytes[6] = 0;
            return bytes;
        }).bytes();

        assertViolation(jpeg, ReasonCodes.FRAME_SIZE_MISMATCH, "320x0");
    }

    @Test
    void admitsApplicationSegmentsCommentsAndRestartIntervals() {
        JpegSegments frame = segments();
        byte[] jpeg = frame.with(0, JpegSegments.segment(APP1, "Exif\0\0MM".getBytes()))
                .with(1, JpegSegments.segment(COM, "camera".getBytes()))
                .with(frame.indexOf(SOS) + 2, JpegSegments.segment(DRI, new byte[] {0, 40}))
                .map(SOS, bytes -> withRestartMarker(bytes)).bytes();

        assertThatCode(() -> FrameFormat.check(jpeg)).doesNotThrowAnyException();
    }

    @Test
    void refusesARestartMarkerWithoutRestartInterval() {
        byte[] jpeg = segments().map(SOS, FrameFormatTest::withRestartMarker).bytes();

        assertViolation(jpeg, ReasonCodes.SUBMISSION_MALFORMED, "restart marker without DRI");
    }

    @Test
    void refusesMoreSegmentsThanAFrameHas() {
        JpegSegments frame = segments();
        for (int i = 0; i < FrameFormat.MAX_SEGMENTS; i++) {
            frame = frame.with(0, JpegSegments.segment(COM, new byte[] {'x'}));
        }

        assertViolation(frame.bytes(), ReasonCodes.SUBMISSION_MALFORMED, "segments");
    }

    @Test
    void refusesBytesAfterTheEnd() {
        assertViolation(segments().withTail(new byte[] {(byte) 0xff, (byte) 0xd9, 0, 0}),
                ReasonCodes.SUBMISSION_MALFORMED, "after EOI");
    }

    @Test
    void refusesTablesAfterTheScan() {
        JpegSegments frame = segments();
        byte[] jpeg = frame.append(frame.first(0xdb)).bytes();

        assertViolation(jpeg, ReasonCodes.SUBMISSION_MALFORMED, "after the scan");
    }

    @Test
    void refusesFillBytesBeforeAMarker() {
        byte[] jpeg = segments().map(SOF0, bytes -> {
            byte[] filled = new byte[bytes.length + 1];
            filled[0] = (byte) 0xff;
            System.arraycopy(bytes, 0, filled, 1, bytes.length);
            return filled;
        }).bytes();

        assertViolation(jpeg, ReasonCodes.SUBMISSION_MALFORMED, "unexpected marker");
    }

    @Test
    void refusesASegmentLongerThanTheFrame() {
        byte[] jpeg = segments().map(0xe0, bytes -> {
            bytes[2] = (byte) 0x7f;
            return bytes;
        }).bytes();

        assertViolation(jpeg, ReasonCodes.SUBMISSION_MALFORMED, "claims");
    }

    @Test
    void refusesAFrameWithoutScan() {
        assertViolation(segments().without(SOS).bytes(), ReasonCodes.SUBMISSION_MALFORMED, "0 scans");
    }

    @Test
    void refusesAScanBeforeTheFrameHeader() {
        assertViolation(segments().without(SOF0).bytes(), ReasonCodes.SUBMISSION_MALFORMED, "before the frame");
    }

    @Test
    void refusesEveryTruncationWithAViolationOnly() {
        for (int length = 0; length < FRAME.length; length++) {
            byte[] cut = Arrays.copyOf(FRAME, length);
            assertThatThrownBy(() -> FrameFormat.check(cut)).as("cut at %d", length)
                    .isInstanceOfSatisfying(FrameFormat.Violation.class,
                            v -> assertThat(v.reasonCode()).isEqualTo(ReasonCodes.SUBMISSION_MALFORMED));
        }
    }

    /** Whatever a single byte becomes, the walk ends in a verdict: admitted or a violation, never another error. */
    @Test
    void neverFailsOtherwiseThanWithAViolation() {
        byte[] frame = HostileJpegs.baseline(FrameFormat.WIDTH, FrameFormat.HEIGHT);
        int headerEnd = JpegSegments.parse(frame).segments().stream().mapToInt(s -> s.marker() == SOS ? 14
                : s.bytes().length).sum() + 2;
        for (int at = 0; at < Math.min(frame.length, headerEnd + 64); at++) {
            for (int value : List.of(0x00, 0x01, 0x02, 0x7f, 0x80, 0xc2, 0xd9, 0xda, 0xfe, 0xff)) {
                byte[] changed = frame.clone();
                changed[at] = (byte) value;
                try {
                    FrameFormat.check(changed);
                } catch (FrameFormat.Violation expected) {
                    assertThat(expected.reasonCode()).isIn(ReasonCodes.SUBMISSION_MALFORMED,
                            ReasonCodes.FRAME_NOT_BASELINE, ReasonCodes.FRAME_SIZE_MISMATCH);
                }
            }
        }
        assertThatThrownBy(() -> FrameFormat.check(null)).isInstanceOf(FrameFormat.Violation.class);
        assertThatThrownBy(() -> FrameFormat.check(new byte[0])).isInstanceOf(FrameFormat.Violation.class);
    }

    private static void assertViolation(byte[] jpeg, String reasonCode, String messagePart) {
        assertThatThrownBy(() -> FrameFormat.check(jpeg))
                .isInstanceOfSatisfying(FrameFormat.Violation.class, violation -> {
                    assertThat(violation.reasonCode()).isEqualTo(reasonCode);
                    assertThat(violation.getMessage()).contains(messagePart);
                });
    }

    private static JpegSegments segments() {
        return JpegSegments.parse(FRAME);
    }

    /** A restart marker in the middle of the scan's entropy-coded data, after a byte that is not 0xFF. */
    private static byte[] withRestartMarker(byte[] scan) {
        int at = 14 + (scan.length - 14) / 2;
        while (scan[at - 1] == (byte) 0xff || scan[at] == (byte) 0xff) {
            at++;
        }
        byte[] changed = new byte[scan.length + 2];
        System.arraycopy(scan, 0, changed, 0, at);
        changed[at] = (byte) 0xff;
        changed[at + 1] = (byte) 0xd0;
        System.arraycopy(scan, at, changed, at + 2, scan.length - at);
        return changed;
    }

    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }
}

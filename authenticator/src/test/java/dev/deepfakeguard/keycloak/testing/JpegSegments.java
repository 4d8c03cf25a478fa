package dev.deepfakeguard.keycloak.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A JPEG cut into its marker segments, for tests that build hostile variants of real encoder output: every
 * segment keeps its marker and length bytes, a scan also keeps its entropy-coded data. Immutable; every change
 * returns a new instance. Only for well-formed input (the output of an encoder), not a validator.
 */
public final class JpegSegments {

    public static final int SOI = 0xd8;
    public static final int EOI = 0xd9;
    public static final int SOS = 0xda;
    public static final int SOF0 = 0xc0;

    /** One segment: its marker (the byte after 0xFF) and all of its bytes, marker included. */
    public record Segment(int marker, byte[] bytes) {
        public Segment {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    private final List<Segment> segments;

    private JpegSegments(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    public static JpegSegments parse(byte[] jpeg) {
        if ((jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != SOI) {
            throw new IllegalArgumentException("not a JPEG");
        }
        List<Segment> segments = new ArrayList<>();
        int pos = 2;
        while (pos < jpeg.length) {
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == EOI) {
                break;
            }
            int end = pos + 2 + ((jpeg[pos + 2] & 0xff) << 8 | (jpeg[pos + 3] & 0xff));
            if (marker == SOS) {
                while (!isMarkerOutsideEntropyData(jpeg, end)) {
                    end++;
                }
            }
            segments.add(new Segment(marker, java.util.Arrays.copyOfRange(jpeg, pos, end)));
            pos = end;
        }
        return new JpegSegments(segments);
    }

    private static boolean isMarkerOutsideEntropyData(byte[] jpeg, int pos) {
        if ((jpeg[pos] & 0xff) != 0xff) {
            return false;
        }
        int next = jpeg[pos + 1] & 0xff;
        return next != 0 && (next < 0xd0 || next > 0xd7);
    }

    public List<Segment> segments() {
        return segments;
    }

    /** SOI, the segments, EOI. */
    public byte[] bytes() {
        return withTail(new byte[] {(byte) 0xff, (byte) EOI});
    }

    /** SOI, the segments and {@code tail} instead of EOI. */
    public byte[] withTail(byte[] tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(SOI);
        segments.forEach(segment -> out.writeBytes(segment.bytes()));
        out.writeBytes(tail);
        return out.toByteArray();
    }

    public Segment first(int marker) {
        return segments.stream().filter(segment -> segment.marker() == marker).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no segment " + Integer.toHexString(marker)));
    }

    /** Every segment with {@code marker} changed by {@code change} (which gets and returns all of its bytes). */
    public JpegSegments map(int marker, UnaryOperator<byte[]> change) {
        List<Segment> changed = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            if (segment.marker() == marker) {
                byte[] bytes = change.apply(segment.bytes());
                changed.add(new Segment(bytes[1] & 0xff, bytes));
            } else {
                changed.add(segment);
            }
        }
        return new JpegSegments(changed);
    }

    /** The first segment with {@code marker} carries {@code replacement} as its marker instead. */
    public JpegSegments remark(int marker, int replacement) {
        return map(marker, bytes -> {
            bytes[1] = (byte) replacement;
            return bytes;
        });
    }

    public JpegSegments with(int index, Segment segment) {
        List<Segment> changed = new ArrayList<>(segments);
        changed.add(index, segment);
        return new JpegSegments(changed);
    }

    public JpegSegments append(Segment segment) {
        return with(segments.size(), segment);
    }

    public JpegSegments without(int marker) {
        return new JpegSegments(segments.stream().filter(segment -> segment.marker() != marker).toList());
    }

    public int indexOf(int marker) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).marker() == marker) {
                return i;
            }
        }
        throw new IllegalArgumentException("no segment " + Integer.toHexString(marker));
    }

    /** A segment of {@code marker} with the given payload (length bytes are computed). */
    public static Segment segment(int marker, byte[] payload) {
        byte[] bytes = new byte[4 + payload.length];
        bytes[0] = (byte) 0xff;
        bytes[1] = (byte) marker;
        bytes[2] = (byte) ((payload.length + 2) >> 8);
        bytes[3] = (byte) (payload.length + 2);
        System.arraycopy(payload, 0, bytes, 4, payload.length);
        return new Segment(marker, bytes);
    }
}

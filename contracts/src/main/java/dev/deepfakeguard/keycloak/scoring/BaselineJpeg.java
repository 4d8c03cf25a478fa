package dev.deepfakeguard.keycloak.scoring;

/**
 * One walk over a JPEG's marker segments (ITU T.81, Annex B), checking the {@link FrameFormat}: SOI; tables and
 * application segments; one SOF0 frame header of the server's size with three 8-bit components; exactly one scan
 * over all three components with the full spectrum (Ss 0, Se 63, no successive approximation); the scan's
 * entropy-coded data, where only stuffed bytes and restart markers may appear; then EOI and nothing after it.
 * Anything else is refused. Reads each byte at most once and allocates nothing.
 */
final class BaselineJpeg {

    private static final int SOF0 = 0xc0;
    private static final int DHT = 0xc4;
    private static final int DAC = 0xcc;
    private static final int RST0 = 0xd0;
    private static final int RST7 = 0xd7;
    private static final int SOI = 0xd8;
    private static final int EOI = 0xd9;
    private static final int SOS = 0xda;
    private static final int DQT = 0xdb;
    private static final int DNL = 0xdc;
    private static final int DRI = 0xdd;
    private static final int APP0 = 0xe0;
    private static final int APP15 = 0xef;
    private static final int COM = 0xfe;
    private static final int COMPONENTS = 3;
    /** ITU T.81 B.2.3: at most ten blocks per MCU. */
    private static final int MAX_BLOCKS_PER_MCU = 10;

    private final byte[] b;
    private final int[] componentIds = new int[COMPONENTS];
    private int segments;
    private boolean frameHeader;
    private boolean restartInterval;
    private int scans;

    BaselineJpeg(byte[] jpeg) {
        this.b = jpeg;
    }

    void walk() throws FrameFormat.Violation {
        if (b == null || b.length < 4 || u8(0) != 0xff || u8(1) != SOI) {
            throw FrameFormat.Violation.malformed("does not start with SOI");
        }
        int pos = 2;
        while (true) {
            if (pos + 2 > b.length) {
                throw FrameFormat.Violation.malformed("ends at byte " + pos + " without EOI");
            }
            if (u8(pos) != 0xff) {
                throw FrameFormat.Violation.malformed("no marker at byte " + pos);
            }
            int marker = u8(pos + 1);
            if (marker == EOI) {
                end(pos + 2);
                return;
            }
            if (scans > 0 && marker != SOS) {
                // After the one scan only EOI may follow: tables, comments or a DNL there serve no baseline frame.
                throw FrameFormat.Violation.malformed(name(marker) + " after the scan at byte " + pos);
            }
            int length = segmentLength(pos, marker);
            int body = pos + 4;
            int bodyLength = length - 2;
            pos = switch (marker) {
                case SOF0 -> frameHeader(body, bodyLength, pos);
                case DHT -> huffmanTables(body, bodyLength, pos);
                case DQT -> quantisationTables(body, bodyLength, pos);
                case DRI -> restartInterval(body, bodyLength, pos);
                case SOS -> scan(body, bodyLength, pos);
                case DAC -> throw FrameFormat.Violation.notBaseline("arithmetic coding (DAC) at byte " + pos);
                case DNL -> throw FrameFormat.Violation.notBaseline("height defined by DNL at byte " + pos);
                default -> {
                    if (isFrameHeader(marker)) {
                        throw FrameFormat.Violation.notBaseline(name(marker) + " frame header at byte " + pos);
                    }
                    if ((marker >= APP0 && marker <= APP15) || marker == COM) {
                        yield body + bodyLength;
                    }
                    throw FrameFormat.Violation.malformed("unexpected marker " + name(marker) + " at byte " + pos);
                }
            };
        }
    }

    /** Length field of the segment at {@code pos}, checked against the bytes that are there. */
    private int segmentLength(int pos, int marker) throws FrameFormat.Violation {
        if (marker == 0xff || marker == 0x00 || marker == 0x01 || marker == SOI
                || (marker >= RST0 && marker <= RST7)) {
            throw FrameFormat.Violation.malformed("unexpected marker " + name(marker) + " at byte " + pos);
        }
        if (++segments > FrameFormat.MAX_SEGMENTS) {
            throw FrameFormat.Violation.malformed("more than " + FrameFormat.MAX_SEGMENTS + " segments");
        }
        if (pos + 4 > b.length) {
            throw FrameFormat.Violation.malformed("truncated " + name(marker) + " at byte " + pos);
        }
        int length = u16(pos + 2);
        if (length < 2 || pos + 2 + length > b.length) {
            throw FrameFormat.Violation.malformed(name(marker) + " at byte " + pos + " claims " + length
                    + " bytes, " + (b.length - pos - 2) + " are left");
        }
        return length;
    }

    /** SOF0: 8-bit samples, the server's size, three components with sane sampling factors. */
    private int frameHeader(int body, int length, int pos) throws FrameFormat.Violation {
        if (frameHeader) {
            throw FrameFormat.Violation.malformed("second frame header at byte " + pos);
        }
        frameHeader = true;
        if (length < 6 || length != 6 + 3 * u8(body + 5)) {
            throw FrameFormat.Violation.malformed("SOF0 length " + (length + 2) + " does not fit its components");
        }
        int precision = u8(body);
        int height = u16(body + 1);
        int width = u16(body + 3);
        int components = u8(body + 5);
        if (precision != 8 || components != COMPONENTS) {
            throw FrameFormat.Violation.notBaseline(precision + "-bit samples in " + components
                    + " components; a frame has 8-bit samples in " + COMPONENTS);
        }
        if (width != FrameFormat.WIDTH || height != FrameFormat.HEIGHT) {
            throw FrameFormat.Violation.sizeMismatch(width + "x" + height + " instead of " + FrameFormat.WIDTH + "x"
                    + FrameFormat.HEIGHT);
        }
        int blocks = 0;
        for (int i = 0; i < COMPONENTS; i++) {
            int at = body + 6 + 3 * i;
            componentIds[i] = u8(at);
            for (int j = 0; j < i; j++) {
                if (componentIds[j] == componentIds[i]) {
                    throw FrameFormat.Violation.malformed("component id " + componentIds[i] + " twice");
                }
            }
            int horizontal = u8(at + 1) >> 4;
            int vertical = u8(at + 1) & 0x0f;
            if (horizontal < 1 || horizontal > 4 || vertical < 1 || vertical > 4 || u8(at + 2) > 3) {
                throw FrameFormat.Violation.malformed("component " + componentIds[i] + " has sampling "
                        + horizontal + "x" + vertical + " or table " + u8(at + 2));
            }
            blocks += horizontal * vertical;
        }
        if (blocks > MAX_BLOCKS_PER_MCU) {
            throw FrameFormat.Violation.malformed(blocks + " blocks per MCU");
        }
        return body + length;
    }

    /** DHT: baseline uses tables 0 and 1 of each class; the code counts must match the values that follow. */
    private int huffmanTables(int body, int length, int pos) throws FrameFormat.Violation {
        int at = body;
        int end = body + length;
        while (at < end) {
            if (at + 17 > end) {
                throw FrameFormat.Violation.malformed("truncated Huffman table in DHT at byte " + pos);
            }
            int tableClass = u8(at) >> 4;
            int tableId = u8(at) & 0x0f;
            if (tableClass > 1 || tableId > 1) {
                throw FrameFormat.Violation.notBaseline("Huffman table " + tableClass + "/" + tableId
                        + " at byte " + pos);
            }
            int codes = 0;
            for (int i = 1; i <= 16; i++) {
                codes += u8(at + i);
            }
            if (codes > 256 || at + 17 + codes > end) {
                throw FrameFormat.Violation.malformed("Huffman table with " + codes + " codes in DHT at byte " + pos);
            }
            at += 17 + codes;
        }
        return end;
    }

    /** DQT: 8-bit tables (16-bit ones are not baseline), ids 0–3, 64 entries each. */
    private int quantisationTables(int body, int length, int pos) throws FrameFormat.Violation {
        int at = body;
        int end = body + length;
        while (at < end) {
            int precision = u8(at) >> 4;
            int tableId = u8(at) & 0x0f;
            if (precision != 0) {
                throw FrameFormat.Violation.notBaseline("16-bit quantisation table at byte " + pos);
            }
            if (tableId > 3 || at + 65 > end) {
                throw FrameFormat.Violation.malformed("quantisation table " + tableId + " in DQT at byte " + pos);
            }
            at += 65;
        }
        return end;
    }

    private int restartInterval(int body, int length, int pos) throws FrameFormat.Violation {
        if (length != 2) {
            throw FrameFormat.Violation.malformed("DRI of length " + (length + 2) + " at byte " + pos);
        }
        restartInterval = u16(body) > 0;
        return body + length;
    }

    /**
     * SOS: the one scan, over all three components of the frame header in its order, full spectrum, no successive
     * approximation. Returns the position of the marker after the scan's entropy-coded data.
     */
    private int scan(int body, int length, int pos) throws FrameFormat.Violation {
        if (!frameHeader) {
            throw FrameFormat.Violation.malformed("scan before the frame header at byte " + pos);
        }
        if (++scans > FrameFormat.MAX_SCANS) {
            throw FrameFormat.Violation.notBaseline("more than " + FrameFormat.MAX_SCANS + " scan");
        }
        if (length < 1 || length != 4 + 2 * u8(body)) {
            throw FrameFormat.Violation.malformed("SOS length " + (length + 2) + " does not fit its components");
        }
        int components = u8(body);
        if (components != COMPONENTS) {
            throw FrameFormat.Violation.notBaseline("scan over " + components + " components at byte " + pos);
        }
        for (int i = 0; i < COMPONENTS; i++) {
            int selector = u8(body + 1 + 2 * i);
            int tables = u8(body + 2 + 2 * i);
            if (selector != componentIds[i] || (tables >> 4) > 1 || (tables & 0x0f) > 1) {
                throw FrameFormat.Violation.malformed("scan component " + selector + " with tables "
                        + Integer.toHexString(tables) + " at byte " + pos);
            }
        }
        int spectral = body + 1 + 2 * COMPONENTS;
        if (u8(spectral) != 0 || u8(spectral + 1) != 63 || u8(spectral + 2) != 0) {
            throw FrameFormat.Violation.notBaseline("scan with spectral selection " + u8(spectral) + "–"
                    + u8(spectral + 1) + " and approximation " + Integer.toHexString(u8(spectral + 2)));
        }
        return entropyCodedData(body + length);
    }

    /** Skips the scan's data: 0xFF is followed by a stuffed 0x00, a restart marker (with DRI) or the next marker. */
    private int entropyCodedData(int start) throws FrameFormat.Violation {
        int at = start;
        while (at < b.length) {
            if (b[at] != (byte) 0xff) {
                at++;
                continue;
            }
            if (at + 1 >= b.length) {
                break;
            }
            int next = u8(at + 1);
            if (next == 0x00) {
                at += 2;
            } else if (next >= RST0 && next <= RST7) {
                if (!restartInterval) {
                    throw FrameFormat.Violation.malformed("restart marker without DRI at byte " + at);
                }
                at += 2;
            } else {
                return at;
            }
        }
        throw FrameFormat.Violation.malformed("scan data runs to the end without EOI");
    }

    private void end(int afterEoi) throws FrameFormat.Violation {
        if (scans != 1) {
            throw FrameFormat.Violation.malformed("EOI after " + scans + " scans");
        }
        if (afterEoi != b.length) {
            throw FrameFormat.Violation.malformed((b.length - afterEoi) + " bytes after EOI");
        }
    }

    /** SOF1–SOF3, SOF5–SOF7, SOF9–SOF11, SOF13–SOF15: every frame type but baseline. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xc1 && marker <= 0xcf && marker != DHT && marker != 0xc8 && marker != DAC;
    }

    private static String name(int marker) {
        return switch (marker) {
            case SOF0 -> "SOF0";
            case 0xc1 -> "SOF1 (extended sequential)";
            case 0xc2 -> "SOF2 (progressive)";
            case 0xc3 -> "SOF3 (lossless)";
            case 0xc9 -> "SOF9 (arithmetic)";
            case 0xca -> "SOF10 (progressive, arithmetic)";
            case DHT -> "DHT";
            case DQT -> "DQT";
            case DRI -> "DRI";
            case SOS -> "SOS";
            case COM -> "COM";
            default -> String.format("0xFF%02X", marker);
        };
    }

    private int u8(int at) {
        return b[at] & 0xff;
    }

    private int u16(int at) {
        return (u8(at) << 8) | u8(at + 1);
    }
}

package dev.deepfakeguard.keycloak.scoring.embedded;

/**
 * The 896 anchor centres of BlazeFace short-range (128×128 input), as fractions of the input square: a 16×16 grid
 * with two anchors per cell (stride 8), then an 8×8 grid with six anchors per cell (stride 16), row by row. All anchors
 * of a cell share its centre; the regressed box sizes are absolute, so no anchor sizes are needed.
 */
final class BlazeFaceAnchors {

    static final int COUNT = 896;
    static final int FINE_COUNT = 16 * 16 * 2;

    private BlazeFaceAnchors() {
    }

    static double x(int anchor) {
        return anchor < FINE_COUNT ? cellCentre((anchor / 2) % 16, 16) : cellCentre(((anchor - FINE_COUNT) / 6) % 8, 8);
    }

    static double y(int anchor) {
        return anchor < FINE_COUNT ? cellCentre((anchor / 2) / 16, 16) : cellCentre(((anchor - FINE_COUNT) / 6) / 8, 8);
    }

    private static double cellCentre(int cell, int cells) {
        return (cell + 0.5) / cells;
    }
}

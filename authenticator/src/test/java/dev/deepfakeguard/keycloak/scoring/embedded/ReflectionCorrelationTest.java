package dev.deepfakeguard.keycloak.scoring.embedded;

import dev.deepfakeguard.keycloak.challenge.ScreenColour;
import dev.deepfakeguard.keycloak.contract.ReasonCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReflectionCorrelationTest {

    private static final List<ScreenColour> SCRIPT = List.of(
            new ScreenColour(255, 72, 72), new ScreenColour(72, 230, 72), new ScreenColour(72, 96, 255),
            new ScreenColour(255, 230, 72), new ScreenColour(72, 230, 230), new ScreenColour(230, 72, 230));

    @Test
    void findsPerfectCorrelationWhenTheFaceTakesOnAFractionOfTheScreenColour() {
        ReflectionCorrelation.Reflection reflection = ReflectionCorrelation.measure(lit(SCRIPT, 0.1), SCRIPT);

        assertThat(reflection.correlation()).isCloseTo(1.0, within(1e-9));
        assertThat(reflection.livenessBasisPoints()).isEqualTo(10_000);
        assertThat(reflection.reasonCode()).isEqualTo(ReasonCodes.LIVE_REFLECTION);
    }

    @Test
    void ignoresBrightnessChangesOfTheWholeFrame() {
        // Auto-exposure brightens and darkens every channel alike: that is grey level, not colour.
        List<Rgb> frames = lit(SCRIPT, 0.1);
        List<Rgb> exposed = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            Rgb frame = frames.get(i);
            double shift = (i % 2 == 0 ? 15 : -15);
            exposed.add(new Rgb(frame.red() + shift, frame.green() + shift, frame.blue() + shift));
        }

        assertThat(ReflectionCorrelation.measure(exposed, SCRIPT).correlation()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void findsAnticorrelationWhenTheFaceFollowsTheComplementaryColours() {
        List<ScreenColour> complement = SCRIPT.stream()
                .map(c -> new ScreenColour(255 - c.red(), 255 - c.green(), 255 - c.blue())).toList();

        ReflectionCorrelation.Reflection reflection = ReflectionCorrelation.measure(lit(complement, 0.1), SCRIPT);

        assertThat(reflection.correlation()).isCloseTo(-1.0, within(1e-9));
        assertThat(reflection.livenessBasisPoints()).isZero();
        assertThat(reflection.reasonCode()).isEqualTo(ReasonCodes.REFLECTION_MISMATCH);
    }

    @ParameterizedTest(name = "amplitude {0} levels -> {1} bp")
    @CsvSource({"0.0, 0", "0.9, 0", "1.0, 0", "2.0, 5000", "3.0, 10000", "12.0, 10000"})
    void dampsTheScoreWhenTheReflectionIsTooWeakToProveAnything(double amplitude, int expected) {
        assertThat(new ReflectionCorrelation.Reflection(1.0, amplitude).livenessBasisPoints()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "r = {0} -> {1} bp")
    @CsvSource({"-1.0, 0", "0.2, 0", "0.55, 5000", "0.9, 10000", "1.0, 10000"})
    void mapsCorrelationLinearlyBetweenTheAnchors(double correlation, int expected) {
        assertThat(new ReflectionCorrelation.Reflection(correlation, 10).livenessBasisPoints()).isEqualTo(expected);
    }

    @Test
    void reportsNoReflectionForFlatFrames() {
        ReflectionCorrelation.Reflection reflection = ReflectionCorrelation.measure(lit(SCRIPT, 0), SCRIPT);

        assertThat(reflection.amplitude()).isCloseTo(0.0, within(1e-9));
        assertThat(reflection.reasonCode()).isEqualTo(ReasonCodes.NO_REFLECTION);
    }

    /** Skin-toned face under ambient light plus {@code fraction} of each screen colour. */
    private static List<Rgb> lit(List<ScreenColour> lights, double fraction) {
        return lights.stream().map(light -> new Rgb(150 + fraction * light.red(), 110 + fraction * light.green(),
                90 + fraction * light.blue())).toList();
    }
}

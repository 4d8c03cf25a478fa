package dev.deepfakeguard.keycloak.helpdesk;

import static dev.deepfakeguard.keycloak.helpdesk.HelpdeskState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class HelpdeskStateTest {

    @ParameterizedTest
    @CsvSource({
            "REQUESTED, LINK_OPENED", "REQUESTED, REPORTED", "REQUESTED, EXPIRED", "REQUESTED, CANCELLED",
            "LINK_OPENED, LIVENESS_PASSED", "LINK_OPENED, LIVENESS_FAILED", "LINK_OPENED, REPORTED",
            "LIVENESS_PASSED, CODE_CONFIRMED", "LIVENESS_PASSED, CODE_FAILED",
            "CODE_CONFIRMED, APPROVED", "CODE_CONFIRMED, RESET_ISSUED", "APPROVED, RESET_ISSUED",
            "RESET_ISSUED, DONE", "RESET_ISSUED, EXPIRED"})
    void allowsTheMovesOfTheFlow(HelpdeskState from, HelpdeskState to) {
        assertThat(from.canMoveTo(to)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "REQUESTED, LIVENESS_PASSED", "REQUESTED, CODE_CONFIRMED", "REQUESTED, RESET_ISSUED",
            "LINK_OPENED, LINK_OPENED", "LINK_OPENED, CODE_CONFIRMED", "LINK_OPENED, RESET_ISSUED",
            "LIVENESS_PASSED, RESET_ISSUED", "LIVENESS_PASSED, APPROVED", "LIVENESS_PASSED, REPORTED",
            "APPROVED, APPROVED", "RESET_ISSUED, RESET_ISSUED", "RESET_ISSUED, CANCELLED",
            "CODE_CONFIRMED, LIVENESS_PASSED"})
    void refusesSkippingAStepOrRepeatingOne(HelpdeskState from, HelpdeskState to) {
        assertThat(from.canMoveTo(to)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(names = {"LIVENESS_FAILED", "CODE_FAILED", "DONE", "EXPIRED", "REPORTED", "CANCELLED"})
    void endStatesGoNowhere(HelpdeskState end) {
        assertThat(EnumSet.allOf(HelpdeskState.class)).noneMatch(end::canMoveTo);
        assertThat(end.isOpen()).isFalse();
    }

    @Test
    void aResetIssuedRequestNoLongerBlocksANewOne() {
        assertThat(RESET_ISSUED.isOpen()).isFalse();
        assertThat(EnumSet.of(REQUESTED, LINK_OPENED, LIVENESS_PASSED, CODE_CONFIRMED, APPROVED))
                .allMatch(HelpdeskState::isOpen);
    }

    @ParameterizedTest
    @EnumSource(HelpdeskState.class)
    void storedValueReadsBack(HelpdeskState state) {
        assertThat(HelpdeskState.of(state.value())).isEqualTo(state);
    }
}

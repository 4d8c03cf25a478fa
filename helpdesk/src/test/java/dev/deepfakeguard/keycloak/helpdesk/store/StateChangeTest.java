package dev.deepfakeguard.keycloak.helpdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.deepfakeguard.keycloak.helpdesk.HelpdeskState;

class StateChangeTest {

    private static RequestEntity request(HelpdeskState state, long expiresAt) {
        RequestEntity request = new RequestEntity();
        request.setId("r1");
        request.setRealmId("realm");
        request.setUserId("user");
        request.setState(state.value());
        request.setOpenKey(state.isOpen() ? StateChange.openKey("realm", "user") : null);
        request.setCodeHash("hash");
        request.setExpiresAt(expiresAt);
        return request;
    }

    @Test
    void anAllowedMoveChangesStateAndTime() {
        RequestEntity request = request(HelpdeskState.REQUESTED, 1000);

        assertThat(StateChange.move(request, HelpdeskState.LINK_OPENED, 500)).isTrue();

        assertThat(request.getState()).isEqualTo("link_opened");
        assertThat(request.getUpdatedAt()).isEqualTo(500);
        assertThat(request.getOpenKey()).isEqualTo("realm:user");
    }

    @Test
    void aRefusedMoveLeavesTheRequestUntouched() {
        RequestEntity request = request(HelpdeskState.REQUESTED, 1000);

        assertThat(StateChange.move(request, HelpdeskState.RESET_ISSUED, 500)).isFalse();

        assertThat(request.getState()).isEqualTo("requested");
        assertThat(request.getUpdatedAt()).isZero();
    }

    @Test
    void closingReleasesTheUsersOpenSlotAndForgetsTheCode() {
        RequestEntity request = request(HelpdeskState.LIVENESS_PASSED, 1000);

        assertThat(StateChange.move(request, HelpdeskState.CODE_FAILED, 500)).isTrue();

        assertThat(request.getOpenKey()).isNull();
        assertThat(request.getCodeHash()).isNull();
    }

    @Test
    void expiresAnOpenRequestOnlyOnceItsTimeIsUp() {
        RequestEntity request = request(HelpdeskState.LINK_OPENED, 1000);

        assertThat(StateChange.expireIfDue(request, 999)).isFalse();
        assertThat(StateChange.expireIfDue(request, 1000)).isTrue();
        assertThat(request.getState()).isEqualTo("expired");
        assertThat(StateChange.expireIfDue(request, 2000)).isFalse();
    }

    @Test
    void expiresAnIssuedResetOnlyOnceItsLinkRanOut() {
        RequestEntity request = request(HelpdeskState.RESET_ISSUED, 1000);

        assertThat(StateChange.expireIfDue(request, 999)).isFalse();
        assertThat(request.getState()).isEqualTo("reset_issued");
        assertThat(StateChange.expireIfDue(request, 1000)).isTrue();
        assertThat(request.getState()).isEqualTo("expired");
    }

    @Test
    void neverExpiresACompletedReset() {
        RequestEntity request = request(HelpdeskState.DONE, 1000);

        assertThat(StateChange.expireIfDue(request, 5000)).isFalse();
        assertThat(request.getState()).isEqualTo("done");
    }
}

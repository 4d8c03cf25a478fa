package dev.deepfakeguard.keycloak.events.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.deepfakeguard.keycloak.events.audit.LeaseRule.Action;
import dev.deepfakeguard.keycloak.events.audit.LeaseRule.Row;

class LeaseRuleTest {

    private static final long LEASE = 15_000;
    private static final long NOW = 1_800_000_000_000L;
    private final LeaseRule rule = new LeaseRule("e-mine", LEASE);

    @Test
    void claimsAnIdNobodyHolds() {
        assertThat(rule.decide(Optional.empty(), NOW)).isEqualTo(Action.CLAIM);
    }

    @Test
    void renewsOnceItsOwnEpochIsInTheRow() {
        assertThat(rule.decide(Optional.of(new Row("e-mine", NOW - 1000, false)), NOW)).isEqualTo(Action.RENEW);
        assertThat(rule.waiting()).isFalse();
    }

    @Test
    void claimsAtOnceAfterACleanStop() {
        assertThat(rule.decide(Optional.of(new Row("e-before", 0, false)), NOW)).isEqualTo(Action.CLAIM);
    }

    @Test
    void claimsAtOnceWhenTheLastRenewalIsOlderThanTheLease() {
        assertThat(rule.decide(Optional.of(new Row("e-before", NOW - LEASE - 1, false)), NOW))
                .isEqualTo(Action.CLAIM);
    }

    @Test
    void afterACrashWaitsOneLeaseForTheDeadEpochThenTakesOver() {
        Row crashed = new Row("e-before", NOW - 500, false);

        assertThat(rule.decide(Optional.of(crashed), NOW)).isEqualTo(Action.WAIT);
        assertThat(rule.decide(Optional.of(crashed), NOW + LEASE - 1)).isEqualTo(Action.WAIT);
        assertThat(rule.waiting()).isTrue();
        assertThat(rule.decide(Optional.of(crashed), NOW + LEASE)).isEqualTo(Action.CLAIM);
    }

    @Test
    void refusesWhenAnotherLiveProcessKeepsRenewingTheSameId() {
        assertThat(rule.decide(Optional.of(new Row("e-other", NOW - 500, false)), NOW)).isEqualTo(Action.WAIT);

        assertThat(rule.decide(Optional.of(new Row("e-other", NOW + 500, false)), NOW + 1000))
                .isEqualTo(Action.REFUSE);
        // For good: even once the other stops, this process never chains the id again.
        assertThat(rule.decide(Optional.of(new Row("e-other", 0, false)), NOW + LEASE * 10))
                .isEqualTo(Action.REFUSE);
        assertThat(rule.refused()).isTrue();
    }

    @Test
    void refusesWhenItsHeldIdIsTakenOver() {
        rule.decide(Optional.of(new Row("e-mine", NOW, false)), NOW);

        assertThat(rule.decide(Optional.of(new Row("e-other", NOW + 20_000, false)), NOW + 20_000))
                .isEqualTo(Action.REFUSE);
    }

    @Test
    void neverChainsARetiredId() {
        assertThat(rule.decide(Optional.of(new Row("e-gone", NOW - 86_400_000L, true)), NOW))
                .isEqualTo(Action.REFUSE);
    }

    @Test
    void aClaimThatWasRolledBackIsTriedAgainRatherThanTakenForATakeOver() {
        Row crashed = new Row("e-before", NOW - 500, false);
        rule.decide(Optional.of(crashed), NOW);
        assertThat(rule.decide(Optional.of(crashed), NOW + LEASE)).isEqualTo(Action.CLAIM);

        // The claim's transaction failed: the row still shows the crashed epoch.
        assertThat(rule.decide(Optional.of(crashed), NOW + LEASE + 1000)).isEqualTo(Action.CLAIM);
    }
}

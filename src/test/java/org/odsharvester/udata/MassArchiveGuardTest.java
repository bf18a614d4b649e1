package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MassArchiveGuardTest {

    private static final MassArchiveGuard DEFAULT = new MassArchiveGuard(20, 10, null);

    @Test
    void aRunArchivingMoreThanTheShareAndMoreThanTheMinimumIsHeldAndSaysHowToConfirm() {
        assertThat(DEFAULT.holdReason(21, 100, false, "data.example.org")).hasValueSatisfying(sentence -> assertThat(
                sentence).startsWith("Nothing was archived: this run would archive 21 of the 100 datasets harvested"
                        + " from data.example.org, and that is more than 20 % of them and more than 10")
                .endsWith("relaunch once with --harvest.confirm-archive=21."));
    }

    @Test
    void aRunUnderEitherThresholdArchives() {
        assertThat(DEFAULT.holdReason(20, 100, false, "d")).isEmpty(); // not more than 20 %
        assertThat(DEFAULT.holdReason(10, 30, false, "d")).isEmpty(); // a third, but not more than 10
        assertThat(DEFAULT.holdReason(0, 0, true, "d")).isEmpty(); // nothing to archive
    }

    @Test
    void anEmptyCatalogOrEveryDatasetAtOnceIsAlwaysHeld() {
        assertThat(DEFAULT.holdReason(1, 50, true, "d")).get().asString().contains("the catalog read was empty");
        assertThat(DEFAULT.holdReason(3, 3, false, "d")).get().asString().contains("that is all of them");
    }

    @Test
    void aConfirmationLetsExactlyTheCountItNames() {
        MassArchiveGuard confirmed = new MassArchiveGuard(20, 10, 40L);

        assertThat(confirmed.holdReason(40, 40, true, "d")).isEmpty();
        assertThat(confirmed.holdReason(41, 41, true, "d")).get().asString()
                .contains("(harvest.confirm-archive=40 confirms 40, not 41)")
                .endsWith("--harvest.confirm-archive=41.");
    }
}

package io.github.irq4j.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The soak's account: balanced when every equation holds, and each kind of mismatch named with its numbers. */
class SoakAccountTest {

    private static SoakAccount balanced() {
        // 100 = 90 + 4 + 6; 1000 = 200 + 790 + 10; 3 = 3
        return new SoakAccount(100, 90, 4, 6, 0, 1000, 200, 790, 10, 3, 3);
    }

    @Test
    void balancedAccountHasNoMismatch() {
        SoakAccount a = balanced();
        assertThat(a.balanced()).isTrue();
        assertThat(a.mismatches()).isEmpty();
        assertThat(a.lines()).hasSize(3).allSatisfy(l -> assertThat(l).endsWith("ok"));
    }

    @Test
    void aRequestThatNeverCompletedIsAMismatch() {
        SoakAccount a = new SoakAccount(101, 90, 4, 6, 1, 1000, 200, 790, 10, 3, 3);
        assertThat(a.balanced()).isFalse();
        assertThat(a.mismatches()).singleElement().asString()
                .isEqualTo("requests: sent 101 != completed 90 + cancelled 4 + failed 6 = 100 (difference 1, never completed 1)");
        assertThat(a.lines().get(0)).endsWith("MISMATCH").contains("never completed 1");
    }

    @Test
    void anInterruptNeitherHandledNorCoalescedNorCountedLostIsAMismatch() {
        SoakAccount a = new SoakAccount(100, 90, 4, 6, 0, 1128, 200, 790, 10, 3, 3);
        assertThat(a.mismatches()).singleElement().asString()
                .isEqualTo("interrupts: signalled 1128 != handled 200 + coalesced 790 + lost 10 = 1000 (difference 128)");
        assertThat(a.lines().get(1)).endsWith("MISMATCH");
        assertThat(a.lines().get(0)).endsWith("ok");
    }

    @Test
    void anOverCountIsAMismatchToo() {
        // counting an edge twice (e.g. lost and handled) is as wrong as losing it
        SoakAccount a = new SoakAccount(100, 90, 4, 6, 0, 1000, 200, 790, 11, 3, 3);
        assertThat(a.mismatches()).singleElement().asString().contains("difference -1");
    }

    @Test
    void anInjectedFaultThatWasNotReportedIsAMismatch() {
        SoakAccount a = new SoakAccount(100, 90, 4, 6, 0, 1000, 200, 790, 10, 3, 2);
        assertThat(a.mismatches()).singleElement().asString().isEqualTo("faults: injected 3 != reported 2 (difference 1)");
    }

    @Test
    void everyMismatchIsListed() {
        SoakAccount a = new SoakAccount(1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0);
        assertThat(a.mismatches()).hasSize(3);
        assertThat(a.lines()).allSatisfy(l -> assertThat(l).endsWith("MISMATCH"));
    }
}

package io.github.irq4j.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact account a soak ends with (issue "Reliability", soak). Every request the client sent
 * ended in exactly one way, and every edge the devices signalled was either handled by an ISR
 * call, merged into another edge's signal, or counted lost by the framework:
 * <pre>
 *   requests:   sent      = completed + cancelled + failed          (outstanding must be 0)
 *   interrupts: signalled = handled + coalesced + lost
 *   faults:     injected  = reported
 * </pre>
 * Nothing is estimated: each figure is a counter, read after the device stopped. A mismatch names
 * the numbers on both sides and the difference.
 *
 * @param sent requests the client submitted
 * @param completed requests completed with {@code SUCCESS}
 * @param cancelled requests completed with {@code CANCELLED}
 * @param failed requests completed with any other status
 * @param outstanding requests whose completion never came (a lost request)
 * @param signalled edges the simulated devices raised
 * @param handled ISR calls ({@code InterruptStatistics.isrCalls}, including those that threw)
 * @param coalesced edges merged into an earlier signal ({@code InterruptStatistics.coalesced})
 * @param lost signals the framework counted lost ({@code InterruptStatistics.lost}: dropped while
 *             the device was stopped, or taken while the interrupt was disabled)
 * @param faultsInjected callbacks the soak made throw
 * @param faultsReported faults the host reported for them
 */
public record SoakAccount(long sent, long completed, long cancelled, long failed, long outstanding,
                          long signalled, long handled, long coalesced, long lost,
                          long faultsInjected, long faultsReported) {

    /** Whether every equation holds. */
    public boolean balanced() {
        return mismatches().isEmpty();
    }

    /** One line per equation that does not hold, with both sides and the difference; empty when balanced. */
    public List<String> mismatches() {
        List<String> m = new ArrayList<>();
        long requests = completed + cancelled + failed;
        if (sent != requests || outstanding != 0) {
            m.add("requests: sent " + sent + " != completed " + completed + " + cancelled " + cancelled + " + failed "
                    + failed + " = " + requests + " (difference " + (sent - requests) + ", never completed " + outstanding + ")");
        }
        long interrupts = handled + coalesced + lost;
        if (signalled != interrupts) {
            m.add("interrupts: signalled " + signalled + " != handled " + handled + " + coalesced " + coalesced + " + lost "
                    + lost + " = " + interrupts + " (difference " + (signalled - interrupts) + ")");
        }
        if (faultsInjected != faultsReported) {
            m.add("faults: injected " + faultsInjected + " != reported " + faultsReported
                    + " (difference " + (faultsInjected - faultsReported) + ")");
        }
        return m;
    }

    /** The account as three lines, each ending in "ok" or "MISMATCH". */
    public List<String> lines() {
        long requests = completed + cancelled + failed;
        long interrupts = handled + coalesced + lost;
        return List.of(
                String.format("requests:   sent %,d = completed %,d + cancelled %,d + failed %,d%s  %s", sent, completed, cancelled,
                        failed, outstanding == 0 ? "" : " (never completed " + outstanding + ")",
                        sent == requests && outstanding == 0 ? "ok" : "MISMATCH"),
                String.format("interrupts: signalled %,d = handled %,d + coalesced %,d + lost %,d  %s", signalled, handled, coalesced,
                        lost, signalled == interrupts ? "ok" : "MISMATCH"),
                String.format("faults:     injected %,d = reported %,d  %s", faultsInjected, faultsReported,
                        faultsInjected == faultsReported ? "ok" : "MISMATCH"));
    }
}

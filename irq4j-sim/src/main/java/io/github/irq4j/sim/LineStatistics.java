package io.github.irq4j.sim;

/**
 * A snapshot of the counters of one line of a {@link SimInterruptController}, each value read whole (see {@link SimInterruptController#statistics}).
 *
 * @param message the line or MSI message index
 * @param mode how the line signals
 * @param masked whether the line is masked now
 * @param asserted for a level line, whether some output asserts it now; for edge lines {@code false}
 * @param pendingEdges edges latched and not yet taken by a poll
 * @param edges edges raised since creation (edge and MSI lines)
 * @param assertions times a level line went from deasserted to asserted
 * @param signals signals handed to the dispatch thread
 * @param merged edges that were merged into another edge's signal (a signal of count n merges n - 1)
 * @param claimed acknowledgements of signals some ISR claimed
 * @param unclaimed acknowledgements of signals no ISR claimed
 * @param resignals acknowledgements after which a level line signalled again because it was still asserted
 * @param lost edges dropped because no dispatch loop had the controller open
 */
public record LineStatistics(int message, LineMode mode, boolean masked, boolean asserted, long pendingEdges,
                             long edges, long assertions, long signals, long merged, long claimed, long unclaimed,
                             long resignals, long lost) {
}

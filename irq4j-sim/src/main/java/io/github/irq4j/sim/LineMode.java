package io.github.irq4j.sim;

/** How a line of the {@link SimInterruptController} signals. */
public enum LineMode {
    /**
     * Edge-triggered (latched): each {@link SimInterruptController#raiseEdge edge} sets the line's
     * pending latch; edges that arrive before the dispatch thread takes the signal merge into one
     * signal whose count is the number of edges.
     */
    EDGE,
    /**
     * Level-sensitive: the line signals while any device asserts it (wired-OR of
     * {@link LevelOutput}s) and it is unmasked; after the ISRs ran and the signal is acknowledged,
     * it signals again if it is still asserted.
     */
    LEVEL,
    /** A message-signaled (MSI) vector: edge semantics, one vector per message, never wired-OR. */
    MSI
}

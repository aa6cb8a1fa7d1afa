package io.github.irq4j.stress;

/**
 * Bounded busy waits for actors that wait on another thread (the dispatch thread, the DPC
 * thread, the other actor). Actors spin first, then yield: the machine may have no more cores
 * than there are actors, and the thread being waited for needs one.
 */
final class Spin {

    /** The longest an actor waits for something that must happen; past it the actor records a timeout. */
    static final long TIMEOUT_NS = 10_000_000_000L;

    /** Busy spins before each wait starts yielding. */
    private static final int SPINS = 1_000;

    private Spin() {
    }

    /** The deadline of a wait that starts now. */
    static long deadline() {
        return System.nanoTime() + TIMEOUT_NS;
    }

    /**
     * Pauses once in a wait loop.
     *
     * @param round how many times the loop has paused so far
     * @param deadline from {@link #deadline()}
     * @return {@code false} once the deadline has passed: give up and record a timeout
     */
    static boolean pause(int round, long deadline) {
        if (round < SPINS) {
            Thread.onSpinWait();
            return true;
        }
        Thread.yield();
        return (round & 0xFF) != 0 || System.nanoTime() - deadline < 0;
    }
}

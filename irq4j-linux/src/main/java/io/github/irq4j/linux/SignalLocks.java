package io.github.irq4j.linux;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The monitors that {@link EventFdSource#signal} and the source's close hold, so that no write goes
 * to a closed (or reused) descriptor: a fixed set shared by stripes of sources, each lock padded to
 * lines of its own.
 *
 * <p>Why not the source's own monitor. Entering a monitor writes the locked object's header, and
 * the source's header shares a cache line with the fields its dispatch thread reads on every poll
 * (a busy-poll loop reads them millions of times a second), so each signal had to take that line
 * from the polling core, and the next poll to fetch it back. With these locks the busy-poll
 * harness's signal call went from 0.09 us above C's plain write(2) to 0.02 us above it; a lock of
 * the source's own, allocated beside it (so sharing a line with its last fields), was slower than
 * the source's monitor (DECISIONS, "Signal locks off the source's lines"). These locks lie in no
 * line anything else uses: each has 128 bytes of fields after its header that nothing touches, and
 * they are made one after the other here, so each header follows its neighbour's padding. Sources
 * take stripes in turn; signals of two sources in one stripe wait for each other for one write(2),
 * as two signallers of one source always did.
 */
final class SignalLocks {

    /** A power of two; more than the signalling threads a machine runs at once. */
    private static final int STRIPES = 64;
    private static final Padded[] LOCKS = new Padded[STRIPES];
    private static final AtomicInteger NEXT = new AtomicInteger();

    static {
        for (int i = 0; i < STRIPES; i++) {
            LOCKS[i] = new Padded();
        }
    }

    private SignalLocks() {
    }

    /** The lock for a new source: the next stripe in turn. */
    static Object next() {
        return LOCKS[NEXT.getAndIncrement() & (STRIPES - 1)];
    }

    /** A monitor with two cache lines of fields after its header, which nothing reads or writes. */
    @SuppressWarnings("unused")
    private static final class Padded {
        private long p00, p01, p02, p03, p04, p05, p06, p07;
        private long p10, p11, p12, p13, p14, p15, p16, p17;
    }
}

package io.github.irq4j.internal;

import io.github.irq4j.DispatchMode;
import io.github.irq4j.spi.DispatchLoop;
import io.github.irq4j.spi.InterruptSource;
import java.io.IOException;

/**
 * How a dispatch loop waits after a poll, in the spirit of Agrona's {@code IdleStrategy}: the loop
 * polls, dispatches, and hands the number of signals it took to {@link #idle}, which returns at
 * once after work and otherwise waits as the {@link DispatchMode} says. One instance per loop,
 * called on the loop's thread only; it may keep state there (the hybrid's idle start). Allocates
 * nothing.
 */
sealed interface IdleStrategy permits IdleStrategy.Blocking, IdleStrategy.BusyPoll, IdleStrategy.Hybrid {

    /**
     * Called after every poll of the loop.
     *
     * @param workCount how many signals the poll dispatched
     * @throws IOException if waiting on the source failed (the loop ends and reports it)
     */
    void idle(int workCount) throws IOException;

    /** The strategy of {@code mode} for {@code loop}, which waits on {@code source}. */
    static IdleStrategy of(DispatchMode mode, long hybridSpinNs, InterruptSource source, DispatchLoop loop) {
        return switch (mode) {
            case BLOCKING -> new Blocking(source, loop);
            case BUSY_POLL -> new BusyPoll();
            case HYBRID -> new Hybrid(hybridSpinNs, source, loop);
        };
    }

    /** {@link DispatchMode#BLOCKING}: waits in the source until a signal (or the loop's stop) wakes it. */
    final class Blocking implements IdleStrategy {
        private final InterruptSource source;
        private final DispatchLoop loop;

        Blocking(InterruptSource source, DispatchLoop loop) {
            this.source = source;
            this.loop = loop;
        }

        @Override
        public void idle(int workCount) throws IOException {
            if (workCount == 0 && loop.isRunning()) {
                source.await(-1);
            }
        }
    }

    /** {@link DispatchMode#BUSY_POLL}: never sleeps; spins on a core of its own. */
    final class BusyPoll implements IdleStrategy {
        @Override
        public void idle(int workCount) {
            if (workCount == 0) {
                Thread.onSpinWait();
            }
        }
    }

    /** {@link DispatchMode#HYBRID}: spins for {@code spinNs} after the last work, then blocks as {@link Blocking} does. */
    final class Hybrid implements IdleStrategy {
        private final long spinNs;
        private final InterruptSource source;
        private final DispatchLoop loop;
        /** When the current idle stretch began (System.nanoTime), or 0 after work. */
        private long idleSince;

        Hybrid(long spinNs, InterruptSource source, DispatchLoop loop) {
            this.spinNs = spinNs;
            this.source = source;
            this.loop = loop;
        }

        @Override
        public void idle(int workCount) throws IOException {
            if (workCount > 0) {
                idleSince = 0;
                return;
            }
            long now = System.nanoTime();
            if (idleSince == 0) {
                idleSince = now;
            }
            if (now - idleSince >= spinNs) {
                if (loop.isRunning()) {
                    source.await(-1);
                }
                idleSince = 0;
            } else {
                Thread.onSpinWait();
            }
        }
    }
}

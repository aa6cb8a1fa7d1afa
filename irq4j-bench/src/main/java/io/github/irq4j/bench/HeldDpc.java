package io.github.irq4j.bench;

import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import java.util.concurrent.locks.LockSupport;

/**
 * An interrupt whose DPC is kept queued, so that {@code queueDpcForIsr()} takes its coalescing
 * path (returns {@code false}) on every call: the first run is held inside the callback (parked
 * on the DPC thread, off the CPU), and a second request queues the run behind it. {@link #close()}
 * lets the runs end and stops the host.
 */
public final class HeldDpc implements AutoCloseable {

    /** How long setup waits for the DPC thread to start the held run. */
    private static final long START_TIMEOUT_NS = 10_000_000_000L;

    public final BenchHost bench;
    public final Interrupt interrupt;
    private volatile boolean hold = true;
    private volatile boolean started;

    public HeldDpc(String name, BenchHost.Verifier verifier) {
        bench = BenchHost.start(name, verifier, InterruptConfig.builder((i, m) -> true).dpc((i, o) -> held()));
        interrupt = bench.interrupt;
        if (!interrupt.queueDpcForIsr()) {
            throw new IllegalStateException("the first queueDpcForIsr() on an idle DPC returned false");
        }
        long deadline = System.nanoTime() + START_TIMEOUT_NS;
        while (!started) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the DPC did not start within " + START_TIMEOUT_NS / 1_000_000 + " ms");
            }
            Thread.onSpinWait();
        }
        if (!interrupt.queueDpcForIsr()) {
            throw new IllegalStateException("queueDpcForIsr() during the run returned false; expected one more run queued");
        }
        if (interrupt.queueDpcForIsr()) {
            throw new IllegalStateException("queueDpcForIsr() with a run queued returned true; expected it to coalesce");
        }
    }

    private void held() {
        started = true;
        while (hold) {
            LockSupport.parkNanos(1_000_000L);
        }
    }

    @Override
    public void close() {
        hold = false;
        bench.close();
    }
}

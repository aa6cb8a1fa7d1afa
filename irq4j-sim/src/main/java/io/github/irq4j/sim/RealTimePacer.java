package io.github.irq4j.sim;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Advances a {@link VirtualClock} in step with the wall clock on a thread of its own, so simulated
 * devices produce traffic in real time (the CLI demo). Events fire on the pacer thread.
 * <pre>{@code
 * try (RealTimePacer pacer = RealTimePacer.start(simulation.clock(), "uart0")) {
 *     ...                                      // devices run in real time
 * }                                            // close() stops and joins the thread
 * }</pre>
 * Not for tests that must be reproducible: use the {@link DeterministicScheduler} there.
 */
public final class RealTimePacer implements AutoCloseable {

    /** The longest the pacer parks between checks: 10 ms. */
    public static final long MAX_PARK_NS = 10_000_000L;
    /** How long {@link #close()} waits for the thread before interrupting it. */
    public static final long JOIN_TIMEOUT_MS = 5_000;

    private final VirtualClock clock;
    private final Thread thread;
    /** Cleared by close(); read by the pacer thread each round. */
    private volatile boolean running = true;
    /** Failure of an event fired on the pacer thread, if any; written once by that thread. */
    private volatile Throwable failure;

    private RealTimePacer(VirtualClock clock, String name) {
        this.clock = clock;
        this.thread = new Thread(this::pace, "irq4j-sim-pacer-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts pacing {@code clock} from its current virtual time, which from now on advances one
     * nanosecond per wall-clock nanosecond.
     *
     * @param name a name for the thread, such as the device's
     */
    public static RealTimePacer start(VirtualClock clock, String name) {
        RealTimePacer p = new RealTimePacer(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(name, "name"));
        p.thread.start();
        return p;
    }

    private void pace() {
        long wallStart = System.nanoTime();
        long virtualStart = clock.nanoTime();
        try {
            while (running) {
                long target = virtualStart + (System.nanoTime() - wallStart);
                clock.advanceTo(target);
                long wait = Math.min(clock.nextEventNanos() - target, MAX_PARK_NS);
                if (wait > 0 && running) {
                    LockSupport.parkNanos(this, wait);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        }
    }

    /** Whether the pacer thread is running. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** What an event threw on the pacer thread and stopped it, or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    /** Stops the pacer: clears the running flag, joins with a timeout, then interrupts. Idempotent. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(JOIN_TIMEOUT_MS);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(JOIN_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.github.irq4j.spi;

import io.github.irq4j.DispatchMode;

/**
 * The loop that takes one source's signals and runs the ISRs connected to them. The framework
 * creates it when the first interrupt of a source connects and hands it to
 * {@link ExecutionEnvironment#startDispatcher}; a threaded environment runs {@link #run()} on a
 * thread of its own, a deterministic one calls {@link #pollOnce()} when its schedule says so.
 */
public sealed interface DispatchLoop permits io.github.irq4j.internal.SourceDispatcher {

    /** The source this loop dispatches. */
    InterruptSource source();

    /** A name for the thread, such as {@code "irq4j-isr-eventfd:7"}. */
    String name();

    /** How the loop waits when nothing is pending. */
    DispatchMode mode();

    /**
     * Runs the loop on the calling thread until {@link ExecutionEnvironment#stopDispatcher} stops it:
     * connects the source, applies the thread policy, polls, dispatches and waits per
     * {@link #mode()}, then disconnects the source (it never closes it: its owner does, after the
     * device stopped). Faults are contained; I/O errors are reported and end the loop.
     */
    void run();

    /**
     * Polls the source once without blocking and dispatches what it returned; for environments that
     * drive the loop themselves. The source must have been connected with {@link #openSource()}.
     *
     * @return how many signals were dispatched
     */
    int pollOnce();

    /** Connects the source on the calling thread ({@link InterruptSource#connect()}); for environments that call {@link #pollOnce()}. */
    void openSource();

    /** Disconnects the source on the calling thread ({@link InterruptSource#disconnect()}); for environments that call {@link #pollOnce()}. */
    void closeSource();

    /** Asks the loop to stop: {@link #run()} returns soon after, even from a blocking wait. Any thread. */
    void stop();

    /**
     * Whether a dispatch may run on the calling thread now: no interrupt lock of an interrupt
     * connected to this source is held. An environment that runs ISRs at preemption points of the
     * thread running driver code must check it first: an ISR cannot run while its lock is held.
     */
    boolean canDispatchNow();

    /** Whether the loop should go on; {@code false} once it has been asked to stop. */
    boolean isRunning();
}

package io.github.irq4j.sim;

import io.github.irq4j.spi.DispatchLoop;

/**
 * A dispatch loop the {@link DeterministicScheduler} runs, with the controller whose signals it
 * dispatches. {@code opened} is written on the framework thread and read by any thread;
 * {@code dispatching} (the loop is on the framework thread's stack, so a preemption must not run it
 * again) is framework thread only.
 */
final class ScheduledLoop {
    final DispatchLoop loop;
    final SimInterruptController controller;
    volatile boolean opened;
    boolean dispatching;

    ScheduledLoop(DispatchLoop loop, SimInterruptController controller) {
        this.loop = loop;
        this.controller = controller;
    }

    /** Whether the seed may pick this loop now: open, not already dispatching, a signal pending, its lock free (SPEC 2.4). */
    boolean ready() {
        return opened && !dispatching && loop.isRunning() && controller.hasPendingSignals() && loop.canDispatchNow();
    }

    /** Runs the ISRs of what is pending, marking the loop as on the stack meanwhile. Framework thread only. */
    void dispatch() {
        dispatching = true;
        try {
            loop.pollOnce();
        } finally {
            dispatching = false;
        }
    }
}

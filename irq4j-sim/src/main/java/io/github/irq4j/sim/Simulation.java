package io.github.irq4j.sim;

import io.github.irq4j.Registers;

/**
 * One simulated machine: the {@link VirtualClock} its device models run on and the
 * {@link PreemptionHook} their registers call. Device models of one simulation share its time.
 * <pre>{@code
 * Simulation sim = new Simulation();
 * SimInterruptController pic = new SimInterruptController("sim-pic", LineMode.LEVEL);
 * SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), SimUart.DEFAULT_FIFO_SIZE);
 * }</pre>
 */
public final class Simulation {

    private final VirtualClock clock = new VirtualClock();
    /** The hook, or null for none; written by whoever drives the simulation, read by any register access. */
    private volatile PreemptionHook hook;

    /** The simulation's virtual time. */
    public VirtualClock clock() {
        return clock;
    }

    /** Installs {@code hook} (or removes it with {@code null}). */
    public void setPreemptionHook(PreemptionHook hook) {
        this.hook = hook;
    }

    /** The installed hook, or {@code null}. */
    public PreemptionHook preemptionHook() {
        return hook;
    }

    /** Called by simulated registers before each access. */
    void preemptionPoint(Registers registers, long offset, boolean write) {
        PreemptionHook h = hook;
        if (h != null) {
            h.beforeRegisterAccess(registers, offset, write);
        }
    }
}

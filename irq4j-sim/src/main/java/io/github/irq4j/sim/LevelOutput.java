package io.github.irq4j.sim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One device's output onto a level-sensitive line of a {@link SimInterruptController}. Lines are
 * wired-OR: a line is asserted while at least one of its outputs is. A device model keeps its
 * output in step with its interrupt condition by calling {@link #set(boolean)}; only changes count.
 * Thread-safe and lock-free; allocates nothing.
 */
public final class LevelOutput {

    private static final VarHandle ASSERTED;

    static {
        try {
            ASSERTED = MethodHandles.lookup().findVarHandle(LevelOutput.class, "asserted", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SimInterruptController controller;
    private final int message;
    /**
     * Whether this output asserts the line. Only the thread whose compare-and-set flips it tells the
     * controller, so each rise is followed by one fall and the line's count of asserting outputs
     * stays exact.
     */
    private volatile boolean asserted;

    LevelOutput(SimInterruptController controller, int message) {
        this.controller = controller;
        this.message = message;
    }

    /** Asserts ({@code true}) or deasserts the line from this output. Any thread; never blocks. */
    public void set(boolean level) {
        if (!ASSERTED.compareAndSet(this, !level, level)) {
            return;
        }
        if (level) {
            controller.outputRose(message);
        } else {
            controller.outputFell(message);
        }
    }

    /** Whether this output currently asserts the line. */
    public boolean isAsserted() {
        return asserted;
    }

    /** The line this output drives. */
    public int message() {
        return message;
    }

    /** The controller of the line. */
    public SimInterruptController controller() {
        return controller;
    }

    @Override
    public String toString() {
        return controller.name() + " line " + message + " output";
    }
}

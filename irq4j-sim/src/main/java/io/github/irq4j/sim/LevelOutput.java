package io.github.irq4j.sim;

/**
 * One device's output onto a level-sensitive line of a {@link SimInterruptController}. Lines are
 * wired-OR: a line is asserted while at least one of its outputs is. A device model keeps its
 * output in step with its interrupt condition by calling {@link #set(boolean)}; only changes count.
 * Thread-safe; allocates nothing.
 */
public final class LevelOutput {

    private final SimInterruptController controller;
    private final int message;
    /** Whether this output asserts the line; guarded by the controller's lock. */
    boolean asserted;

    LevelOutput(SimInterruptController controller, int message) {
        this.controller = controller;
        this.message = message;
    }

    /** Asserts ({@code true}) or deasserts the line from this output. Any thread. */
    public void set(boolean level) {
        controller.setLevel(this, level);
    }

    /** Whether this output currently asserts the line. */
    public boolean isAsserted() {
        return controller.isAsserted(this);
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

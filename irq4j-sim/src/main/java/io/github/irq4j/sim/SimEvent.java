package io.github.irq4j.sim;

/**
 * Something a device model does at a virtual time: a byte arriving at a UART, a timer expiring.
 * Scheduled on a {@link VirtualClock}; one object is rescheduled again and again, so periodic
 * events allocate nothing.
 *
 * <p>{@link #fire(long)} runs on the thread that advances the clock, without the clock's lock held:
 * it may reschedule itself or schedule other events.
 */
public abstract class SimEvent {

    private final String name;

    // Guarded by the clock's lock: the due time, the tie-breaking sequence number, and whether the
    // event is in the clock's queue.
    long dueNanos;
    long sequence;
    boolean scheduled;

    /** @param name a name for schedule traces, such as {@code "uart0.rx"} */
    protected SimEvent(String name) {
        this.name = java.util.Objects.requireNonNull(name, "name");
    }

    /** The name used in schedule traces. */
    public final String name() {
        return name;
    }

    /**
     * Does what the event does. Called by {@link VirtualClock} with the clock at the event's due time.
     *
     * @param nowNanos the virtual time, equal to the time the event was due
     */
    protected abstract void fire(long nowNanos);

    @Override
    public String toString() {
        return name;
    }
}

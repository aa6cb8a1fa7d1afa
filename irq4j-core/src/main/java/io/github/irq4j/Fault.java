package io.github.irq4j;

/**
 * A fault the host contained and reported: an exception from driver code, a bug check, a rule
 * violation at callback exit, a line nobody cared about, a watchdog overrun or an interrupt storm.
 *
 * @param kind what happened
 * @param device the device's name
 * @param where the callback or interrupt involved, such as {@code "uart0 ISR"}
 * @param message what happened and what was done about it
 * @param cause the exception, or {@code null}
 */
public record Fault(Kind kind, String device, String where, String message, Throwable cause) {

    /** Kinds of fault. */
    public enum Kind {
        /** A driver callback threw. */
        CALLBACK_EXCEPTION,
        /** A bug check stopped the device. */
        BUG_CHECK,
        /** A rule violation found where it could not be thrown (at callback exit). */
        VIOLATION,
        /** A line was disabled because its ISRs claimed almost none of its interrupts. */
        NOBODY_CARED,
        /** The device was restarted after a fault. */
        RESTART,
        /** A callback or a hold of an interrupt spin lock ran past its {@link Watchdog} threshold, or returned after it had. */
        WATCHDOG,
        /** A line's claimed interrupts stayed above the {@link StormPolicy} ceiling (rule id {@code InterruptStorm}). */
        INTERRUPT_STORM
    }

    @Override
    public String toString() {
        return kind + " " + device + " (" + where + "): " + message;
    }
}

package io.github.irq4j;

/**
 * A fault the host contained and reported: an exception from driver code, a bug check, a rule
 * violation at callback exit, or a line nobody cared about.
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
        /**
         * The device stopped, failed or was removed while its driver still owned requests that no
         * cancel routine completed; the framework completed them with
         * {@link RequestStatus#DEVICE_REMOVED} (SPEC 2.10). The message says how many.
         */
        REQUESTS_ABANDONED,
        /**
         * The driver completed or forwarded a request the framework had already completed with
         * {@link RequestStatus#DEVICE_REMOVED}; the call had no effect (SPEC 2.10). The cause's stack
         * shows where the driver made it.
         */
        LATE_COMPLETION
    }

    @Override
    public String toString() {
        return kind + " " + device + " (" + where + "): " + message;
    }
}

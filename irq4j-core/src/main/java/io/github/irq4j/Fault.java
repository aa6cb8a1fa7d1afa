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
        LATE_COMPLETION,
        /**
         * An interrupt source failed: its {@code connect}, {@code poll} or {@code await} threw, or a
         * throwable escaped its dispatch loop. Its dispatch loop ended; every device with an interrupt
         * on it is failed (whatever the restart policy says about other faults) and restarted per the
         * policy's {@code maxRestarts} (SPEC 4.1).
         */
        SOURCE_FAILED,
        /**
         * A throwable escaped the framework's own code on a framework thread (a DPC or worker thread,
         * the {@code irq4j-host} thread) rather than a driver callback; the thread goes on (SPEC 4.1).
         */
        FRAMEWORK_THREAD,
        /**
         * {@code stop()} or {@code close()} did not get something done within the host's stop
         * timeout (a callback that does not return, a dispatch thread that does not end, a lock whose
         * holder died); the message names it and the cause carries its thread's stack (SPEC 4.2).
         */
        STOP_TIMEOUT,
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

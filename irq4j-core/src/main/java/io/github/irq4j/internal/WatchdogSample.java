package io.github.irq4j.internal;

/**
 * The cause of a watchdog fault (SPEC 4.4): not an exception anyone threw, but the offender's stack
 * as the watchdog sampled it when the threshold passed, so that {@code Fault.cause()} prints where
 * the callback was stuck.
 */
final class WatchdogSample extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WatchdogSample(String message, StackTraceElement[] stack) {
        super(message, null, false, true);
        setStackTrace(stack);
    }
}

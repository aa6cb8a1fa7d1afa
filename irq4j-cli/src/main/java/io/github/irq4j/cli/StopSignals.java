package io.github.irq4j.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM while {@code run} or {@code demo} runs: the first one ends the run
 * early. The run then stops the device as at the end of its duration, prints the full report, marks
 * the stats file {@code interrupted} and exits with 128 + the signal's number (130, 143). A second
 * signal while that is under way exits at once, without the report (the way out of a driver that
 * hangs in its stop callbacks).
 *
 * <p>Why signal handlers and not a shutdown hook: a hook runs after the JVM decided to exit, on
 * another thread, racing the main thread that owns the run; here the main thread finishes the run
 * itself and returns the exit code, so the report is complete and the code is exact. The JVM's own
 * handlers are put back by {@link #close()}, so other commands keep the default behaviour.
 */
final class StopSignals implements AutoCloseable {

    private static final String[] NAMES = {"INT", "TERM"};

    private final Thread runner;
    private final PrintStream err;
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    /** The first signal received ("SIGINT", "SIGTERM") or null; set by the signal thread, read by the runner. */
    private volatile String received;
    private volatile int exitCode;

    private StopSignals(Thread runner, PrintStream err) {
        this.runner = runner;
        this.err = err;
    }

    /**
     * Installs the handlers; the calling thread is the one woken when a signal arrives.
     *
     * @param err where a second signal's message goes (the process's real stderr: the report's
     *            writers may be mid-line)
     */
    static StopSignals install(PrintStream err) {
        StopSignals s = new StopSignals(Thread.currentThread(), err);
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                s.previous.put(signal, Signal.handle(signal, s::handle));
            } catch (IllegalArgumentException e) {
                // the signal is not available here (e.g. reserved by the JVM with -Xrs): keep the default
            }
        }
        return s;
    }

    private void handle(Signal signal) {
        int code = 128 + signal.getNumber();
        if (received != null) {
            err.println("irq4j: second SIG" + signal.getName() + ", exiting without the report");
            err.flush();
            Runtime.getRuntime().halt(code);
        }
        exitCode = code;
        received = "SIG" + signal.getName();
        LockSupport.unpark(runner);
    }

    /** The first signal received, such as {@code "SIGINT"}, or {@code null}. */
    String received() {
        return received;
    }

    /** 128 + the first signal's number; meaningful only when {@link #received()} is not null. */
    int exitCode() {
        return exitCode;
    }

    /** Puts the previous handlers back. */
    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}

package io.github.irq4j.internal;

import io.github.irq4j.AppliedPolicy;
import io.github.irq4j.DispatchMode;
import io.github.irq4j.Fault;
import io.github.irq4j.InterruptExtendedPolicy;
import io.github.irq4j.spi.DispatchLoop;
import io.github.irq4j.spi.ExecutionEnvironment;
import io.github.irq4j.spi.InterruptSource;
import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The dispatch loop of one source: polls it, runs the ISRs of each signalled line, acknowledges,
 * and waits per {@link DispatchMode} (its {@link IdleStrategy}) when nothing is pending.
 *
 * <p>{@link #run()} connects the source on the dispatch thread and sets {@link #opened} so that
 * connect can wait for the outcome; {@link #stop()} clears {@link #running} and wakes the source.
 * The loop's hot path (poll, onSignal, dispatch, acknowledge) allocates nothing.
 *
 * <p>{@link #synchronizeSignals} is the {@code synchronize_irq} of stop and disable: it asks the
 * loop for one more poll that starts after the request and waits until the loop has dispatched what
 * that poll returned, so every signal raised before the call has run its ISRs when it returns.
 * Each loop iteration reads the request counter before it polls and answers it after, which costs
 * two volatile reads per iteration and no allocation.
 */
public final class SourceDispatcher implements DispatchLoop, SignalHandler {

    private final HostImpl host;
    private final InterruptSource source;
    private final InterruptLine[] lines;
    /** Whether the source has one line: dispatch then reads {@link #line0}, not the array (a cache line fewer per signal). */
    private final boolean oneLine;
    /** {@code lines[0]} of a one-line source, refreshed by the registry whenever it sets or clears it ({@link #lineChanged}). */
    private volatile InterruptLine line0;
    private final DispatchMode mode;
    private final long hybridSpinNs;
    private final InterruptExtendedPolicy policy;

    private volatile boolean running = true;
    /** The dispatch thread's state; set on that thread before the first poll. */
    private ThreadState ts;
    /** Set (under {@link #monitor}, which is notified) once the source's open succeeded or failed ({@link #openFailure}). */
    private volatile boolean opened;
    volatile Throwable openFailure;
    volatile AppliedPolicy applied = AppliedPolicy.NONE;

    /** Drain requests so far; incremented by synchronizeSignals() under {@link #monitor}, read by the loop without it. */
    private volatile long drainRequested;
    /** The last request whose poll has been dispatched; written by the loop thread only. */
    private volatile long drainAnswered;
    /**
     * The waits of the dispatcher's callers: connect's for the open, synchronizeSignals()' for a
     * drain; the loop notifies it when it opened, answers or ends. One monitor, no latch or atomic
     * of its own: 10,000 dispatchers of a shared group keep 88 B each fewer.
     */
    private final Object monitor = new Object();
    /** Set by the first pollOnce() that threw, so an environment that polls again reports it once. */
    private boolean pollFailed;
    /** The thread inside run(), or null when an environment drives the loop with pollOnce(). */
    private volatile Thread loopThread;
    /** Set when run() has returned: no request will be answered any more. */
    private volatile boolean ended;

    SourceDispatcher(HostImpl host, InterruptSource source, InterruptLine[] lines, DispatchMode mode,
                     long hybridSpinNs, InterruptExtendedPolicy policy) {
        this.host = host;
        this.source = source;
        this.lines = lines;
        this.oneLine = lines.length == 1;
        this.line0 = oneLine ? lines[0] : null;
        this.mode = mode;
        this.hybridSpinNs = hybridSpinNs;
        this.policy = policy;
    }

    /** The registry set or cleared an element of {@code lines}; under its monitor. */
    void lineChanged() {
        if (oneLine) {
            line0 = lines[0];
        }
    }

    @Override
    public InterruptSource source() {
        return source;
    }

    /** {@inheritDoc} Built on each call (thread start, messages): a dispatcher of a shared group keeps no string for it. */
    @Override
    public String name() {
        return "irq4j-isr-" + source.name();
    }

    @Override
    public DispatchMode mode() {
        return mode;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void stop() {
        running = false;
        source.wakeup();
    }

    @Override
    public void openSource() {
        ts = ThreadState.current();
        try {
            source.connect();
            applied = host.applyPolicy(policy);
        } catch (Throwable t) {
            // Any throwable, not only IOException: a connect that failed with an Error must not
            // look like success to the waiting connect (SPEC 4.1).
            openFailure = t;
            throw unchecked(t, null);
        } finally {
            synchronized (monitor) {
                opened = true;
                monitor.notifyAll();
            }
        }
    }

    @Override
    public void closeSource() {
        try {
            source.disconnect();
        } catch (Throwable t) {
            host.faultLog.record(Fault.Kind.SOURCE_FAILED, null, source.name(), "disconnecting source '" + source.name() + "' failed: " + t, t);
        }
    }

    /**
     * Connects the source, runs the loop until stopped, disconnects. Whatever the loop throws (an
     * {@code IOException} or unchecked exception from {@code poll}/{@code await}, a
     * {@link VirtualMachineError} an ISR's frame reported and rethrew) ends the loop and is handed to
     * {@link HostImpl#sourceFailed}, which fails the devices served (SPEC 4.1); a throwable after
     * {@link #stop()} (the stop interrupted the thread) is only recorded.
     */
    @Override
    public void run() {
        loopThread = Thread.currentThread();
        try {
            openSource();
        } catch (Throwable t) {
            endLoop();
            return; // connect reports openFailure
        }
        Throwable failure = null;
        try {
            loop();
        } catch (Throwable t) {
            failure = t;
        } finally {
            closeSource();
            endLoop();
        }
        if (failure != null) {
            try {
                host.sourceFailed(this, lines, running, failure);
            } catch (Throwable t) {
                // Out of memory while reporting: nothing more can be done on this thread, which ends.
            }
        }
    }

    private void endLoop() {
        synchronized (monitor) {
            ended = true;
            monitor.notifyAll();
        }
    }

    /**
     * Stops this loop in {@code environment} (which waits for it by the stop's budget, SPEC 4.2);
     * a loop thread still inside {@link #run()} afterwards is reported with its stack and abandoned,
     * its source left connected. At PASSIVE, from the disconnect of the source's last interrupt.
     */
    void stopIn(ExecutionEnvironment environment, DeviceImpl device, String who) {
        environment.stopDispatcher(this);
        Thread t = loopThread;
        if (t != null && t != Thread.currentThread() && !ended && t.isAlive()) {
            host.faultLog.record(Fault.Kind.STOP_TIMEOUT, device, who, "the dispatch thread '" + t.getName() + "' of source '"
                    + source.name() + "' did not end within the stop timeout (an ISR does not return?); it is abandoned"
                    + " and the source stays connected", StopBudget.stackOf(t));
        }
    }

    /** The thread inside {@link #run()}, or null. */
    Thread loopThread() {
        return loopThread;
    }

    /** Answers drain request {@code request} once the poll that followed it has been dispatched. Loop thread. */
    private void answerDrain(long request) {
        if (request != drainAnswered) {
            synchronized (monitor) {
                drainAnswered = request;
                monitor.notifyAll();
            }
        }
    }

    /**
     * Waits until every signal the source had before this call has been dispatched: the loop polls
     * once more after the request and runs the ISRs of what it took. Returns at once when the
     * caller is the loop's own thread, when the loop has ended, or when an environment drives the
     * loop through {@link #pollOnce()} (it decides when signals are dispatched). At PASSIVE, from
     * stop and disable.
     *
     * @return {@code false} if the loop did not answer within {@code timeoutMs} (an ISR blocks) or the wait was interrupted
     */
    boolean synchronizeSignals(long timeoutMs) {
        Thread t = loopThread;
        if (t == null || t == Thread.currentThread() || ended) {
            return true;
        }
        long ticket;
        synchronized (monitor) {
            ticket = ++drainRequested;
        }
        source.wakeup();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (monitor) {
            while (drainAnswered < ticket && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Starts this loop in {@code environment} and waits until it has opened the source. At
     * PASSIVE, from the connect of the source's first interrupt.
     *
     * @return why the source did not open, or null if it did
     */
    Throwable startAndAwaitOpen(ExecutionEnvironment environment, long timeoutS) {
        environment.startDispatcher(this);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        synchronized (monitor) {
            while (!opened) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new IllegalStateException("the dispatch loop did not open the source within " + timeoutS + " s");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return e;
                }
            }
        }
        return openFailure;
    }

    /** The exception for {@code who} ("connect of interrupt 'uart0'") when {@code source} did not open because of {@code failure}. */
    static RuntimeException openFailed(String who, InterruptSource source, Throwable failure) {
        String msg = who + " failed: source '" + source.name() + "' did not open: " + failure.getMessage();
        if (failure instanceof UncheckedIOException u) {
            return new UncheckedIOException(msg, u.getCause());
        }
        return new IllegalStateException(msg, failure);
    }

    /** Polls, dispatches and idles until stopped; the wait is the {@link IdleStrategy} of the mode. */
    private void loop() throws IOException {
        InterruptSource s = source;
        IdleStrategy idle = IdleStrategy.of(mode, hybridSpinNs, s, this);
        ThreadState t = ts;
        while (running) {
            long request = drainRequested;
            int n;
            try {
                n = s.poll(this);
            } finally {
                sendOwedWakes(t);
            }
            answerDrain(request);
            idle.idle(n);
        }
    }

    /** Sends the wake-ups the last signal's ISRs owe (see {@link #onSignal}); dispatch thread. */
    private static void sendOwedWakes(ThreadState t) {
        if (t.owedCount > 0) {
            t.sendOwedWakes();
        }
    }

    /**
     * {@inheritDoc} A poll that throws is contained as in {@link #run()}: the first failure goes to
     * {@link HostImpl#sourceFailed}, which fails the devices served (SPEC 4.1); it is then rethrown
     * (an {@code IOException} wrapped) so that the environment driving the loop takes it off its thread.
     */
    @Override
    public int pollOnce() {
        ThreadState state = ts == null ? ThreadState.current() : ts;
        try {
            return source.poll(this);
        } catch (Throwable t) {
            if (!pollFailed) {
                pollFailed = true;
                host.sourceFailed(this, lines, running, t);
            }
            throw unchecked(t, "poll of source '" + source.name() + "' failed");
        } finally {
            sendOwedWakes(state);
        }
    }

    /**
     * {@code t} as what an SPI call without checked exceptions throws: an {@link Error} or unchecked
     * exception as it is, an {@code IOException} wrapped in {@link UncheckedIOException} (with
     * {@code what} and its message, when {@code what} is given), anything else in an
     * {@link IllegalStateException}.
     */
    private static RuntimeException unchecked(Throwable t, String what) {
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof IOException io) {
            return what == null ? new UncheckedIOException(io) : new UncheckedIOException(what + ": " + io.getMessage(), io);
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }

    @Override
    public boolean canDispatchNow() {
        for (InterruptLine line : lines) {
            if (line == null) {
                continue;
            }
            for (InterruptImpl i : line.connected) {
                if (i.lock.owner() != null) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Runs the ISRs of one signal and acknowledges it. The ISRs' queueing of DPCs and work items
     * owes the wake-ups of their threads ({@link ThreadState#defersWakes}), so the futex syscall
     * is outside the ISR and its lock hold; they are sent after the signal has been handled, when
     * the source's poll returns, or at the start of the next signal of the same poll, whichever
     * comes first, so a DPC waits for no other ISR.
     */
    @Override
    public void onSignal(int message, long count) {
        ThreadState t = ts == null ? ThreadState.current() : ts;
        sendOwedWakes(t); // the previous signal's, in a poll that delivers several
        InterruptLine line = oneLine ? (message == 0 ? line0 : null)
                : message >= 0 && message < lines.length ? lines[message] : null;
        boolean claimed;
        boolean outer = t.defersWakes;
        t.defersWakes = true;
        try {
            claimed = line != null && line.dispatch(t, count, host);
        } finally {
            t.defersWakes = outer;
        }
        source.acknowledge(message, claimed);
    }
}

package io.github.irq4j.internal;

import io.github.irq4j.AppliedPolicy;
import io.github.irq4j.DispatchMode;
import io.github.irq4j.Fault;
import io.github.irq4j.InterruptExtendedPolicy;
import io.github.irq4j.spi.DispatchLoop;
import io.github.irq4j.spi.InterruptSource;
import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * The dispatch loop of one source: polls it, runs the ISRs of each signalled line, acknowledges,
 * and waits per {@link DispatchMode} when nothing is pending.
 *
 * <p>{@link #run()} opens the source on the dispatch thread and counts down {@link #opened} so that
 * connect can wait for the outcome; {@link #stop()} clears {@link #running} and wakes the source.
 * The loop's hot path (poll, onSignal, dispatch, acknowledge) allocates nothing.
 */
public final class SourceDispatcher implements DispatchLoop, SignalHandler {

    private final HostImpl host;
    private final InterruptSource source;
    private final InterruptLine[] lines;
    private final DispatchMode mode;
    private final long hybridSpinNs;
    private final InterruptExtendedPolicy policy;
    private final String name;

    private volatile boolean running = true;
    /** The dispatch thread's state; set on that thread before the first poll. */
    private ThreadState ts;
    final CountDownLatch opened = new CountDownLatch(1);
    volatile Throwable openFailure;
    volatile AppliedPolicy applied = AppliedPolicy.NONE;

    SourceDispatcher(HostImpl host, InterruptSource source, InterruptLine[] lines, DispatchMode mode,
                     long hybridSpinNs, InterruptExtendedPolicy policy) {
        this.host = host;
        this.source = source;
        this.lines = lines;
        this.mode = mode;
        this.hybridSpinNs = hybridSpinNs;
        this.policy = policy;
        this.name = "irq4j-isr-" + source.name();
    }

    @Override
    public InterruptSource source() {
        return source;
    }

    @Override
    public String name() {
        return name;
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
            source.open();
            applied = host.applyPolicy(policy);
        } catch (IOException | RuntimeException e) {
            openFailure = e;
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        } finally {
            opened.countDown();
        }
    }

    @Override
    public void closeSource() {
        try {
            source.close();
        } catch (IOException e) {
            host.fault(Fault.Kind.CALLBACK_EXCEPTION, null, source.name(), "closing source '" + source.name() + "' failed: " + e, e);
        }
    }

    @Override
    public void run() {
        try {
            openSource();
        } catch (RuntimeException e) {
            return; // connect reports openFailure
        }
        try {
            switch (mode) {
                case BLOCKING -> runBlocking();
                case BUSY_POLL -> runBusyPoll();
                case HYBRID -> runHybrid();
            }
        } catch (IOException | UncheckedIOException e) {
            host.fault(Fault.Kind.CALLBACK_EXCEPTION, null, name,
                    "dispatch of source '" + source.name() + "' stopped: " + e.getMessage(), e);
        } finally {
            closeSource();
        }
    }

    private void runBlocking() throws IOException {
        InterruptSource s = source;
        while (running) {
            if (s.poll(this) == 0 && running) {
                s.await(-1);
            }
        }
    }

    private void runBusyPoll() throws IOException {
        InterruptSource s = source;
        while (running) {
            if (s.poll(this) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    private void runHybrid() throws IOException {
        InterruptSource s = source;
        long spin = hybridSpinNs;
        long idleSince = 0;
        while (running) {
            if (s.poll(this) > 0) {
                idleSince = 0;
                continue;
            }
            long now = System.nanoTime();
            if (idleSince == 0) {
                idleSince = now;
            }
            if (now - idleSince >= spin) {
                if (running) {
                    s.await(-1);
                }
                idleSince = 0;
            } else {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public int pollOnce() {
        try {
            return source.poll(this);
        } catch (IOException e) {
            throw new UncheckedIOException("poll of source '" + source.name() + "' failed: " + e.getMessage(), e);
        }
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

    @Override
    public void onSignal(int message, long count) {
        InterruptLine line = message >= 0 && message < lines.length ? lines[message] : null;
        boolean claimed = line != null && line.dispatch(ts == null ? ThreadState.current() : ts, count, host);
        source.acknowledge(message, claimed);
    }
}

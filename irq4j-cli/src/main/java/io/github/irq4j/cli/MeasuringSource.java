package io.github.irq4j.cli;

import io.github.irq4j.spi.InterruptSource;
import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An {@link InterruptSource} decorator that measures the dispatch path of a run without touching
 * the driver: for each signal, the time from the moment the dispatch thread learned of it (its
 * wait returned, or the poll began) to the start of the ISR chain, and the ISR chain's duration.
 * It also learns the dispatch thread's Linux thread id on {@link #connect()}, so a sampler can tell
 * which CPU it runs on ({@link #currentCpu()}).
 *
 * <p>Hot path ({@link #poll}, the handler): no allocation and no exception; the HdrHistogram
 * recorders of its {@link SourceLatency} (its own, or one shared with other sources) have a fixed
 * range ({@link Monitor#newRecorder()}), so they record without allocating, resizing or locking
 * against the reader. (An auto-resizing recorder grew each fresh interval
 * histogram by catching an {@code ArrayIndexOutOfBoundsException} on the dispatch thread: about
 * half of that thread's CPU samples in the demo, and most of the "ISR duration" it reported.) Both
 * values of a signal are recorded after its ISR chain ended, so recording is not part of the
 * duration it measures. The ISR chain is the framework's dispatch of one signal (the interrupt lock,
 * the ISRs, the release, the acknowledge); the wake-up of a DPC or work-item thread an ISR queued is
 * sent after it (SPEC 2.5), when the poll returns, so it is in the driver's ISR-to-DPC latency, not
 * here; in a poll of several signals it is sent as the next signal's dispatch starts, inside that
 * signal's duration.
 */
class MeasuringSource implements InterruptSource {

    private final InterruptSource delegate;
    /** Where this source records: its own histograms, or a set shared with other sources. */
    private final SourceLatency latency;
    /** The dispatch thread's tid, or -1 until opened (or on systems without /proc). */
    private volatile long tid = -1;
    /** When the last await returned; dispatch thread only. */
    private long wokeAt;
    /** The handler of the current poll; dispatch thread only. */
    private SignalHandler target;
    private final SignalHandler measuring = this::onSignal;

    /** A measuring decorator with histograms of its own. */
    MeasuringSource(InterruptSource delegate) {
        this(delegate, new SourceLatency());
    }

    /** A measuring decorator that records in {@code latency}, which other sources may share. */
    MeasuringSource(InterruptSource delegate, SourceLatency latency) {
        this.delegate = delegate;
        this.latency = latency.addSource();
    }

    /** Where this source records. */
    SourceLatency latency() {
        return latency;
    }

    InterruptSource delegate() {
        return delegate;
    }

    /** The measured source's own: a shared dispatcher ({@code --dispatch shared}) waits on it; {@link #poll} still measures. */
    @Override
    public InterruptSource unwrap() {
        return delegate.unwrap();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int messageCount() {
        return delegate.messageCount();
    }

    @Override
    public void connect() throws IOException {
        tid = readOwnTid();
        delegate.connect();
    }

    private static long readOwnTid() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII);
            return Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux: per-CPU counts are then reported as unknown
        }
    }

    @Override
    public int poll(SignalHandler handler) throws IOException {
        if (wokeAt == 0) {
            wokeAt = System.nanoTime();
        }
        target = handler;
        try {
            return delegate.poll(measuring);
        } finally {
            target = null;
            wokeAt = 0;
        }
    }

    private void onSignal(int message, long count) {
        long start = System.nanoTime();
        target.onSignal(message, count);
        long end = System.nanoTime();
        if (wokeAt != 0 && start >= wokeAt) {
            latency.dispatch.recordValue(Monitor.clamp(start - wokeAt));
        }
        latency.isr.recordValue(Monitor.clamp(end - start));
        wokeAt = end;
    }

    @Override
    public void await(long timeoutNanos) throws IOException {
        delegate.await(timeoutNanos);
        wokeAt = System.nanoTime();
    }

    @Override
    public void wakeup() {
        delegate.wakeup();
    }

    @Override
    public void mask(int message) {
        delegate.mask(message);
    }

    @Override
    public void unmask(int message) {
        delegate.unmask(message);
    }

    @Override
    public void acknowledge(int message, boolean claimed) {
        delegate.acknowledge(message, claimed);
    }

    @Override
    public long lostSignals(int message) {
        return delegate.lostSignals(message);
    }

    @Override
    public void disconnect() throws IOException {
        delegate.disconnect();
    }

    /**
     * The CPU the dispatch thread last ran on (field 39 of {@code /proc/self/task/TID/stat}), or
     * -1 if unknown. Allocates: for a sampler, never for the hot path.
     */
    int currentCpu() {
        long t = tid;
        if (t < 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/self/task/" + t + "/stat"), StandardCharsets.US_ASCII);
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(f[39 - 3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "MeasuringSource[" + delegate + "]";
    }
}

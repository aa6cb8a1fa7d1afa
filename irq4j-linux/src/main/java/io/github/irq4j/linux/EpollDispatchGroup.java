package io.github.irq4j.linux;

import io.github.irq4j.DispatchMode;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.spi.DeferredTask;
import io.github.irq4j.spi.DispatchLoop;
import io.github.irq4j.spi.ExecutionEnvironment;
import io.github.irq4j.spi.SharedDispatcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Shared dispatch for Linux sources: many sources on one epoll set per dispatch thread, as Netty's
 * {@code EpollEventLoopGroup} or DPDK's interrupt thread do, instead of a thread per source (the
 * framework's default, modelled on Linux's threaded IRQs, which stays available).
 * <pre>{@code
 * try (EpollDispatchGroup group = new EpollDispatchGroup("irq4j-epoll", 2);   // closed last
 *      Host host = Host.builder().environment(group).build()) {
 *     EventFdSource source = group.share(new EventFdSource("efd0"));
 *     ...                                         // add and start devices as usual
 * }
 * }</pre>
 * The group is the host's {@link ExecutionEnvironment}: it runs the dispatch loops of the sources
 * {@link #share}d with it on its dispatch threads (each loop goes to the thread with the fewest),
 * every other source's loop on a thread of its own, and DPCs, work items and I/O callbacks on its
 * own threads as the default environment does. Per source, nothing changes: signals, claimed and
 * lost are counted exactly as with a thread of its own; a source stops, disconnects and reconnects
 * while the others of its thread keep running.
 *
 * <p>What differs on a shared thread. Its {@link DispatchMode} is the group's, not the
 * interrupt's; a thread policy applied at connect (priority, affinity) applies to the whole shared
 * thread, the last connect's winning; and disable and power-down do not first deliver the signals
 * still pending in the kernel ({@code synchronize_irq} waits only for a loop's own thread): those
 * are counted lost, as SPEC 2.7 says for signals not delivered in time. An ISR that blocks holds up
 * every source of its thread. A source whose poll fails (a kernel error) is reported in
 * {@link #failures()} and through {@link System.Logger}, and taken off its thread; the others go on.
 *
 * <p>Two ways to use it. As the host's environment ({@code Host.builder().environment(group)}),
 * above: only the sources {@link #share}d run on its threads. As a {@link SharedDispatcher}
 * ({@code Host.builder().sharedDispatcher(group)}, what {@code irq4j run --dispatch shared} does):
 * the default environment keeps its DPC and worker threads and offers the group every loop, and
 * the group takes each Linux source (looking through decorators with
 * {@link io.github.irq4j.spi.InterruptSource#unwrap()}); a group made with 0 worker threads is for
 * that use only.
 *
 * <p>No method here mirrors a WDF function: WDF has no dispatch-thread object (the closest is
 * the kernel's threaded IRQ, which the default environment models).
 */
public final class EpollDispatchGroup implements ExecutionEnvironment, SharedDispatcher {

    /** How long stop waits for a dispatch thread to let go of a loop, or a thread to end. */
    static final long STOP_WAIT_MS = 5_000;
    private static final System.Logger LOG = System.getLogger(EpollDispatchGroup.class.getName());

    private final String name;
    private final EpollLane[] lanes;
    /** The DPC and worker threads, or null for a group used only as a SharedDispatcher (0 worker threads). */
    private final DeferredLanes deferred;
    /** Loops on a dispatch thread now. */
    private final Map<DispatchLoop, EpollLane> onLane = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger sharedCount = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<DispatchLoop, Thread> ownThread = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * A group of {@code threads} dispatch threads in {@link DispatchMode#BLOCKING} mode, with 2
     * work-item and 2 I/O-callback threads.
     *
     * @throws IllegalArgumentException if {@code threads} is not 1 to 64
     * @throws NativeIoException if an epoll set or eventfd cannot be created ({@code EMFILE})
     */
    public EpollDispatchGroup(String name, int threads) throws IOException {
        this(name, threads, DispatchMode.BLOCKING, 2);
    }

    /**
     * @param name the prefix of the threads' names, such as {@code "irq4j-epoll"}
     * @param threads dispatch threads, 1 to 64
     * @param mode how the dispatch threads wait: {@code BLOCKING} in {@code epoll_wait}, {@code BUSY_POLL}
     *        spinning on {@code epoll_wait(0)} (a core each), {@code HYBRID} spinning for
     *        {@link InterruptConfig#DEFAULT_HYBRID_SPIN_NS} after the last signal, then blocking
     * @param workerThreads work-item and I/O-callback threads each, 1 to 64; or 0 for none, when the
     *        group is only a host's {@link SharedDispatcher} (its {@link #schedule} then throws)
     * @throws IllegalArgumentException if a count is out of range
     * @throws NativeIoException if an epoll set or eventfd cannot be created ({@code EMFILE})
     */
    public EpollDispatchGroup(String name, int threads, DispatchMode mode, int workerThreads) throws IOException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("group name: " + (name == null ? "null" : "'" + name + "'")
                    + " (expected: a non-blank prefix for thread names, such as \"irq4j-epoll\")");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException(name + ": threads " + threads + " (expected: 1 <= threads <= 64)");
        }
        if (workerThreads < 0 || workerThreads > 64) {
            throw new IllegalArgumentException(name + ": workerThreads " + workerThreads + " (expected: 0 <= workerThreads <= 64,"
                    + " 0 for a group that is only a Host.Builder.sharedDispatcher)");
        }
        Objects.requireNonNull(mode, "mode");
        this.name = name;
        this.lanes = new EpollLane[threads];
        try {
            for (int i = 0; i < threads; i++) {
                lanes[i] = new EpollLane(this, name + "-" + i, mode, InterruptConfig.DEFAULT_HYBRID_SPIN_NS);
            }
        } catch (IOException | RuntimeException e) {
            for (EpollLane lane : lanes) {
                if (lane != null) {
                    lane.release();
                }
            }
            throw e;
        }
        for (EpollLane lane : lanes) {
            lane.start();
        }
        this.deferred = workerThreads == 0 ? null : new DeferredLanes(name, workerThreads);
    }

    /**
     * Makes {@code source}'s dispatch loop run on one of this group's threads from its next
     * connect on. Call it before the first interrupt on it connects. PASSIVE (any thread not
     * running an ISR or DPC); does not block.
     *
     * @return {@code source}
     * @throws IllegalStateException if the group is closed or the source is connected now
     */
    public <S extends EpollSource> S share(S source) {
        Objects.requireNonNull(source, "source");
        if (closed) {
            throw new IllegalStateException(name + ": closed; share sources with an open group");
        }
        if (source.isConnected()) {
            throw new IllegalStateException(name + ": source '" + source.name() + "' is connected on a thread of its own;"
                    + " stop the device that uses it, share it, then start the device again");
        }
        if (source.sharedWith != this) {
            if (source.sharedWith != null) {
                throw new IllegalStateException(name + ": source '" + source.name() + "' is shared with another group already");
            }
            source.sharedWith = this;
            sharedCount.incrementAndGet();
        }
        return source;
    }

    /** Whether {@code source} was {@link #share}d with this group. Any level; does not block. */
    public boolean isShared(EpollSource source) {
        return source.sharedWith == this;
    }

    /** The number of dispatch threads. Any level; does not block. */
    @Override
    public int dispatchThreads() {
        return lanes.length;
    }

    /** Threads the group runs now: dispatch, DPC, worker, and one per unshared source's loop. Any level; does not block. */
    public int threadCount() {
        return lanes.length + (deferred == null ? 0 : deferred.threadCount()) + ownThread.size();
    }

    /** Loops bound to each dispatch thread now, by thread. Any level; does not block (allocates the array). */
    public int[] loopsPerThread() {
        int[] n = new int[lanes.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = lanes[i].bound.get();
        }
        return n;
    }

    /** What failed so far: a source taken off its dispatch thread because its poll failed, with why. Any level; does not block. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    void report(String message, Throwable cause) {
        failures.add(message);
        LOG.log(System.Logger.Level.WARNING, message, cause);
    }

    /** {@inheritDoc} A shared source goes to the dispatch thread with the fewest loops; others get a thread. */
    @Override
    public void startDispatcher(DispatchLoop loop) {
        if (closed) {
            throw new IllegalStateException(name + ": closed; close the host before the group that runs it");
        }
        if (loop.source().unwrap() instanceof EpollSource s && s.sharedWith == this) {
            bindToLane(loop);
            return;
        }
        Thread t = new Thread(loop::run, loop.name());
        t.setDaemon(true);
        ownThread.put(loop, t);
        t.start();
    }

    private void bindToLane(DispatchLoop loop) {
        EpollLane best = lanes[0];
        for (EpollLane lane : lanes) {
            if (lane.bound.get() < best.bound.get()) {
                best = lane;
            }
        }
        onLane.put(loop, best);
        best.bind(loop);
    }

    /**
     * {@inheritDoc} Takes every Linux source ({@link EpollSource}, under any decorator) not shared
     * with another group, {@link #share}s it and binds it to the dispatch thread with the fewest
     * loops; declines every other source. PASSIVE; does not block.
     *
     * @throws IllegalStateException if the group is closed
     */
    @Override
    public boolean start(DispatchLoop loop) {
        if (closed) {
            throw new IllegalStateException(name + ": closed; close the host before the group that dispatches for it");
        }
        if (!(loop.source().unwrap() instanceof EpollSource s) || (s.sharedWith != null && s.sharedWith != this)) {
            return false;
        }
        share(s);
        bindToLane(loop);
        return true;
    }

    /** {@inheritDoc} As {@link #stopDispatcher}. */
    @Override
    public void stop(DispatchLoop loop) {
        stopDispatcher(loop);
    }

    /** {@inheritDoc} On a shared thread: blocks until that thread has disconnected the source (at most 5 s). PASSIVE. */
    @Override
    public void stopDispatcher(DispatchLoop loop) {
        EpollLane lane = onLane.remove(loop);
        if (lane != null) {
            loop.stop();
            try {
                lane.unbind(loop).get(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                report(name + ": dispatch thread " + lane.thread().getName() + " did not let go of source '"
                        + loop.source().name() + "' within " + STOP_WAIT_MS + " ms (an ISR blocks?); it stays connected", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            return;
        }
        Thread t = ownThread.remove(loop);
        loop.stop();
        if (t != null && t != Thread.currentThread()) {
            join(t);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(STOP_WAIT_MS);
            if (t.isAlive()) {
                t.interrupt();
                t.join(STOP_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void schedule(DeferredTask task) {
        DeferredLanes d = deferred;
        if (d == null) {
            throw new IllegalStateException(name + ": made with 0 worker threads, so it runs no DPCs or work items; give it to"
                    + " Host.Builder.sharedDispatcher, not environment, or make it with workerThreads >= 1");
        }
        d.schedule(task);
    }

    /** Stops every loop still running, ends the group's threads and releases its epoll sets. Idempotent. PASSIVE; blocks until the threads end (5 s each at most). Close the host first. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (DispatchLoop loop : new ArrayList<>(onLane.keySet())) {
            stopDispatcher(loop);
        }
        for (DispatchLoop loop : new ArrayList<>(ownThread.keySet())) {
            stopDispatcher(loop);
        }
        for (EpollLane lane : lanes) {
            lane.end();
        }
        boolean allEnded = true;
        for (EpollLane lane : lanes) {
            join(lane.thread());
            allEnded &= !lane.thread().isAlive();
        }
        if (allEnded) {
            for (EpollLane lane : lanes) {
                lane.release();
            }
        }
        if (deferred != null) {
            deferred.close(STOP_WAIT_MS);
        }
    }

    @Override
    public String toString() {
        return "EpollDispatchGroup[" + name + ", " + lanes.length + " dispatch threads, " + sharedCount.get() + " sources shared]";
    }
}

package io.github.irq4j.linux;

import io.github.irq4j.DispatchMode;
import io.github.irq4j.spi.DispatchLoop;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One dispatch thread of an {@link EpollDispatchGroup}: one epoll set holding the descriptors of
 * every source bound to it, plus a wake-up eventfd for its commands.
 *
 * <p>Why it is built this way. A source bound here keeps its own loop (core's dispatch loop, with
 * its lines and counters), but the lane drives it through the SPI calls meant for environments that
 * drive loops themselves: {@link DispatchLoop#openSource()} on this thread (so the loop's dispatch
 * thread state is this thread's), {@link DispatchLoop#pollOnce()} for each ready descriptor, and
 * {@link DispatchLoop#closeSource()} on this thread (so the source disconnects on the thread that
 * connected it). Each descriptor's epoll data is {@code slot << 32 | index}: the slot names the
 * source, the index its descriptor, which the source takes from {@link #takeReady()} during its
 * poll so it reads that one descriptor: one {@code epoll_wait} per batch of ready sources and one
 * {@code read} per signal, whatever the number of sources bound. The index is the lane's field,
 * not the source's: a dispatch writes nothing in the source's object, whose lines a signalling
 * thread reads (its eventfds), so they stay shared in both cores' caches instead of moving to the
 * lane's core and back on every signal; and the lane reads no array of sources per dispatch.
 *
 * <p>Commands (bind a loop, unbind one, end) come from other threads through a queue and the
 * wake-up eventfd ({@code EPOLLET}: every write is a new edge, the counter is never read) and run
 * between batches, so a slot is never reused while events of its old source are being handed out.
 * A loop whose poll throws is reported to the group and unbound at once; the others go on.
 */
final class EpollLane implements Runnable {

    private static final long WAKE_TOKEN = -1L;
    private static final int MAX_EVENTS = EpollSource.MAX_EVENTS;

    private enum Op { BIND, UNBIND, END }

    private record Command(Op op, DispatchLoop loop, CompletableFuture<Void> done) {
    }

    private final EpollDispatchGroup group;
    private final String name;
    private final DispatchMode mode;
    private final long spinNs;
    /** Owned by the lane thread but closed by whoever closes the group, after the thread ended. */
    private final Arena arena = Arena.ofShared();
    /**
     * The lane thread's call state, which every bound source's reads use too: automatic, so a
     * downcall's acquire and release of its segments' session are no-ops (a shared arena's are two
     * atomic updates per segment per call), and one per lane, so a read of any of 10,000 sources
     * finds it in cache. The GC frees it after the lane.
     */
    private final CallState st = CallState.automatic();
    private final MemorySegment events = arena.allocate(Epoll.EPOLL_EVENT, MAX_EVENTS);
    private final int epfd;
    private final int wakeFd;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
    /** Bound loops, for balancing; any thread reads it. */
    final AtomicInteger bound = new AtomicInteger();

    // Lane thread only.
    private DispatchLoop[] loops = new DispatchLoop[16];
    private int[] free = new int[16];
    private int freeCount;
    private int slotsUsed;
    /** Loops in {@code loops}; a loop's slot is its source's ({@link EpollSource#laneSlot}), so no map of them is kept. */
    private int loopCount;
    /** The ready descriptor's index in the source being polled, or -1: set right before its pollOnce, taken by its poll. */
    private int ready = -1;

    EpollLane(EpollDispatchGroup group, String name, DispatchMode mode, long spinNs) throws NativeIoException {
        this.group = group;
        this.name = name;
        this.mode = mode;
        this.spinNs = spinNs;
        int e = -1;
        int w = -1;
        try {
            e = Epoll.create(name);
            w = EventFd.create(name + " wake-up eventfd");
            Epoll.ctl(e, Epoll.EPOLL_CTL_ADD, w, Epoll.EPOLLIN | Epoll.EPOLLET, WAKE_TOKEN, st, name);
        } catch (NativeIoException | RuntimeException ex) {
            FileDescriptors.close(e);
            FileDescriptors.close(w);
            arena.close();
            throw ex;
        }
        this.epfd = e;
        this.wakeFd = w;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** The lane's epoll set; bound sources add their descriptors to it. */
    int epfd() {
        return epfd;
    }

    /** The lane thread's call state; bound sources use it for their kernel calls on this thread. */
    CallState state() {
        return st;
    }

    /** Takes descriptors out of the lane's set (a source's disconnect, on the lane thread). Never throws. */
    void removeAll(int[] fds, int count, String what) {
        for (int i = 0; i < count; i++) {
            try {
                Epoll.ctl(epfd, Epoll.EPOLL_CTL_DEL, fds[i], 0, 0, st, what);
            } catch (NativeIoException e) {
                // Only a descriptor already closed, so already out of the set, fails here.
            }
        }
    }

    /** Asks the lane to bind and open {@code loop}; the loop's own open latch tells the caller the outcome. */
    void bind(DispatchLoop loop) {
        bound.incrementAndGet();
        submit(new Command(Op.BIND, loop, null));
    }

    /** Asks the lane to close and unbind {@code loop}; completes once the lane no longer polls it. */
    CompletableFuture<Void> unbind(DispatchLoop loop) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (Thread.currentThread() == thread) {   // from an ISR or DPC-less call on this lane: at once
            unbindNow(loop);
            done.complete(null);
        } else {
            submit(new Command(Op.UNBIND, loop, done));
        }
        return done;
    }

    /** Ends the lane thread once every loop is unbound; then {@link #release()}. */
    void end() {
        submit(new Command(Op.END, null, null));
    }

    private void submit(Command c) {
        commands.add(c);
        try {
            EventFd.write(wakeFd, 1, CallState.forCurrentThread(), name + " wake-up eventfd");
        } catch (NativeIoException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the epoll set, the wake-up eventfd and the arena; after the thread ended. */
    void release() {
        FileDescriptors.close(epfd);
        FileDescriptors.close(wakeFd);
        arena.close();
    }

    @Override
    public void run() {
        long lastWork = System.nanoTime();
        try {
            while (runCommands()) {
                int timeout = mode == DispatchMode.BUSY_POLL ? 0
                        : mode == DispatchMode.HYBRID && System.nanoTime() - lastWork < spinNs ? 0 : -1;
                int n = Epoll.await(epfd, events, MAX_EVENTS, timeout, st, name);
                if (n > 0) {
                    lastWork = System.nanoTime();
                    dispatch(n);
                } else if (timeout == 0) {
                    Thread.onSpinWait();
                }
            }
        } catch (NativeIoException | RuntimeException | Error e) {
            // The lane's own epoll set failed (it cannot short of a closed descriptor): every loop
            // on it is reported and detached, not left silently unpolled.
            group.report(name + ": dispatch thread stopped: " + e.getMessage(), e);
            for (DispatchLoop loop : loops.clone()) {
                if (loop != null) {
                    unbindNow(loop);
                }
            }
        } finally {
            Command c;
            while ((c = commands.poll()) != null) {   // nobody is left to run them
                if (c.done != null) {
                    c.done.complete(null);
                }
            }
        }
    }

    /** Hands each ready descriptor to its source's loop. Allocates nothing. */
    private void dispatch(int n) {
        for (int i = 0; i < n; i++) {
            long data = Epoll.data(events, i);
            if (data == WAKE_TOKEN) {
                continue;   // commands run before the next wait
            }
            int slot = (int) (data >>> 32);
            DispatchLoop loop = loops[slot];
            if (loop == null || !loop.isRunning()) {
                continue;   // unbound or stopping in this batch
            }
            ready = (int) data;
            try {
                loop.pollOnce();
            } catch (RuntimeException e) {
                group.report("dispatch of source '" + loop.source().name() + "' on " + name + " stopped: "
                        + e.getMessage() + "; the other sources of the group go on", e);
                unbindNow(loop);
            }
        }
    }

    /**
     * The index of the descriptor found ready for the source now polled, once: -1 after the first
     * call of a poll (a second poll in the same pollOnce reads nothing). Lane thread only.
     */
    int takeReady() {
        int i = ready;
        ready = -1;
        return i;
    }

    /** Runs the queued commands; returns false once told to end and nothing is bound. */
    private boolean runCommands() {
        boolean go = true;
        Command c;
        while ((c = commands.poll()) != null) {
            switch (c.op) {
                case BIND -> bindNow(c.loop);
                case UNBIND -> {
                    unbindNow(c.loop);
                    c.done.complete(null);
                }
                case END -> go = false;
            }
        }
        return go || loopCount > 0;
    }

    private void bindNow(DispatchLoop loop) {
        EpollSource source = (EpollSource) loop.source().unwrap();
        int slot = freeCount > 0 ? free[--freeCount] : slotsUsed++;
        if (slot == loops.length) {
            loops = Arrays.copyOf(loops, slot * 2);
        }
        boolean boundHere = source.bindLane(this, slot);   // false: connected elsewhere, so connect() below says so
        try {
            loop.openSource();   // connects on this thread; its latch tells the connecting thread
            if (!boundHere) {
                throw new IllegalStateException("connected without the lane");   // cannot happen: connect() refused
            }
        } catch (RuntimeException e) {
            // The loop recorded the failure for the interrupt's connect to throw; undo the binding.
            if (boundHere && source.isConnected()) {
                loop.closeSource();   // e.g. the thread policy failed after the source connected
            }
            if (boundHere) {
                source.bindLane(null, 0);
            }
            releaseSlot(slot);
            bound.decrementAndGet();
            return;
        }
        loops[slot] = loop;
        loopCount++;
    }

    private void unbindNow(DispatchLoop loop) {
        EpollSource source = (EpollSource) loop.source().unwrap();
        int slot = source.laneSlot(this);
        if (slot < 0 || loops[slot] != loop) {
            return;   // already unbound (its poll failed) or never opened
        }
        loopCount--;
        loops[slot] = null;
        loop.stop();          // pollOnce-driven: running=false is all stop does here
        loop.closeSource();   // disconnects on this thread; core reports a failing disconnect
        source.bindLane(null, 0);
        releaseSlot(slot);
        bound.decrementAndGet();
    }

    private void releaseSlot(int slot) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = slot;
    }
}

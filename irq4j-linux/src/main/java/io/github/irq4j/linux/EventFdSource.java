package io.github.irq4j.linux;

import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;

/**
 * An interrupt source over {@code eventfd(2)}s, one per message (like the per-vector eventfds
 * VFIO signals). Each {@link #signal} adds to a kernel counter; a poll reads and resets it, so a
 * count above 1 stands for {@code count - 1} coalesced edges, which {@link #lostSignals(int)}
 * also accumulates (SPEC 3: "coalesced count").
 * <pre>{@code
 * try (EventFdSource source = new EventFdSource("efd0");     // closed last: after the host
 *      Host host = Host.builder().build()) {
 *     Device d = host.addDevice("efd", driver, List.of(InterruptResource.line("efd0.irq", source, 0, InterruptMode.LATCHED)));
 *     host.start(d);
 *     source.signal(0, 1);                // from any thread, or by a kernel object given fd(0)
 *     host.stop(d);
 * }
 * }</pre>
 * The eventfds live from the constructor to {@link #close()}: signals written while no
 * interrupt is connected stay counted and are delivered, coalesced, at the next connect.
 * {@code close()} while an interrupt is connected throws {@link IllegalStateException}: stop the
 * device first.
 */
public final class EventFdSource extends EpollSource {

    /**
     * The system property that selects how the dispatch thread learns that an eventfd is readable:
     * {@code read} (the default: a non-blocking {@code read(2)} per poll) or {@code io_uring} (a
     * multishot poll on an {@link IoUring} completion ring, read from user space: a {@code read(2)}
     * only when it reports the eventfd readable). Read by each constructor. A benchmark switch of the
     * latency harness (irq4j-bench, {@code --mode busy-poll-uring}), not an option of the product:
     * the ring did not beat the {@code read(2)} loop (DECISIONS, "io_uring completion ring for eventfd busy-poll").
     */
    static final String COMPLETION_PROPERTY = "irq4j.linux.eventfd.completion";

    /** The eventfds by message; null after close(). Written under {@link #signalLock}; read by the dispatch thread once connected. */
    private volatile int[] eventFds;
    /** Held by signal and by the close of the eventfds: a stripe of {@link SignalLocks}, not this object's monitor (see there). */
    private final Object signalLock = SignalLocks.next();
    /** Message 0's eventfd, as a field: signal and drain of message 0 read no array (a cache line fewer each when 10,000 sources fire in turn). */
    private final int fd0;
    /** Whether connections watch the eventfds through an io_uring (see {@link #COMPLETION_PROPERTY}). */
    private final boolean ioUring;
    /** The completion ring of the current connection, or null; opened and closed on the dispatch thread. */
    private IoUring ring;
    /**
     * The memory of the dispatch thread's reads (errno capture, count buffer), per connection, in an
     * automatic arena: a downcall acquires and releases the session of every segment it is passed,
     * and for the connection's shared arena that is two atomic updates per segment per poll (a
     * busy-poll loop's whole cost besides the syscall); an automatic session's are no-ops. Set in
     * openKernel, on the dispatch thread; read there only; the GC frees it after the connection.
     * Null when the connection's state is automatic already (a group lane's, which drain is given):
     * one per lane thread instead of one per source keeps the reads of 10,000 shared sources on
     * the same few cache lines, and saves each 320 B of heap.
     */
    private CallState readState;

    /**
     * Creates one eventfd: message 0.
     *
     * @throws NativeIoException if the kernel refuses ({@code EMFILE}: too many open files)
     */
    public EventFdSource(String name) throws IOException {
        this(name, 1);
    }

    /**
     * Creates {@code messages} eventfds, messages 0 to {@code messages - 1}. If one cannot be
     * created, those created are closed.
     *
     * @throws IllegalArgumentException if {@code messages} is not 1 to 2048 (the MSI-X maximum)
     * @throws NativeIoException if the kernel refuses ({@code EMFILE}: too many open files)
     */
    public EventFdSource(String name, int messages) throws IOException {
        super(name, checkMessages(name, messages));
        this.ioUring = completionByRing(name, messages);
        int[] fds = new int[messages];
        java.util.Arrays.fill(fds, -1);
        try {
            for (int m = 0; m < messages; m++) {
                fds[m] = EventFd.create(name + " message " + m);
            }
        } catch (IOException | RuntimeException e) {
            for (int fd : fds) {
                FileDescriptors.close(fd);
            }
            throw e;
        }
        this.eventFds = fds;
        this.fd0 = fds[0];
    }

    private static boolean completionByRing(String name, int messages) {
        String v = System.getProperty(COMPLETION_PROPERTY, "read");
        boolean ring = switch (v) {
            case "read" -> false;
            case "io_uring" -> true;
            default -> throw new IllegalArgumentException(name + ": -D" + COMPLETION_PROPERTY + "=" + v
                    + " (expected: read or io_uring)");
        };
        if (ring && messages > IoUring.MAX_WATCHED) {
            throw new IllegalArgumentException(name + ": " + messages + " messages with -D" + COMPLETION_PROPERTY
                    + "=io_uring (expected: at most " + IoUring.MAX_WATCHED + ")");
        }
        return ring;
    }

    private static int checkMessages(String name, int messages) {
        if (messages < 1 || messages > 2048) {
            throw new IllegalArgumentException(name + ": " + messages + " messages (expected: 1 <= messages <= 2048)");
        }
        return messages;
    }

    /**
     * Raises the interrupt {@code count} times at once: adds {@code count} to the counter. Any
     * thread; never blocks.
     *
     * @return {@code false} if the counter is full (2^64 - 2 signals unread) and nothing was added
     * @throws IllegalArgumentException if {@code count} is not positive
     * @throws IllegalStateException after {@link #close()}
     * @throws NativeIoException if the kernel refuses the write
     */
    public boolean signal(long count) throws IOException {
        return signal(0, count);
    }

    /**
     * Raises message {@code message} {@code count} times at once. Any thread; never blocks.
     *
     * @return {@code false} if the counter is full and nothing was added
     * @throws IllegalArgumentException if {@code message} is out of range or {@code count} is not positive
     * @throws IllegalStateException after {@link #close()}
     * @throws NativeIoException if the kernel refuses the write
     */
    public boolean signal(int message, long count) throws IOException {
        checkMessage(message);
        if (count < 1) {
            throw new IllegalArgumentException(name() + ": signal count " + count + " (expected: 1 <= count < 2^64 - 2)");
        }
        synchronized (signalLock) {
            int[] fds = checkFds();   // null after close(): the check the lock makes safe
            int fd = message == 0 ? fd0 : fds[message];
            // A single signal skips the thread's call state (a ThreadLocal lookup: about 60 ns of a
            // 1.25 us signal on the 2-core VM, DECISIONS "A single signal without a call state").
            return count == 1 && EventFd.writeOne(fd) || EventFd.write(fd, count, CallState.forCurrentThread(), name());
        }
    }

    /**
     * The descriptor number of message {@code message}'s eventfd, for kernel objects that signal it (VFIO, KVM irqfd) or for
     * another process (see the module README on what reaches an eventfd from outside).
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public int fd(int message) {
        checkMessage(message);
        return checkFds()[message];
    }

    private int[] checkFds() {
        int[] fds = eventFds;
        if (fds == null) {
            throw new IllegalStateException(name() + ": closed, its eventfds are released; create a new EventFdSource");
        }
        return fds;
    }

    @Override
    void checkUsable() {
        checkFds();
    }

    @Override
    void openKernel(CallState st) throws IOException {
        int[] fds = checkFds();
        readState = st.automatic ? null : CallState.automatic();
        if (ioUring) {
            // On the dispatch thread: the ring's task work runs on the thread that submitted.
            ring = IoUring.open(fds.length, name());
        }
        for (int fd : fds) {
            int index = register(fd, st);   // index = message; epoll still serves await()
            if (ring != null) {
                ring.watch(index, fd);
            }
        }
    }

    @Override
    void closeKernel() {
        // The eventfd outlives the connection; close() releases it. The ring is the connection's.
        IoUring r = ring;
        ring = null;
        readState = null;
        if (r != null) {
            r.close();
        }
    }

    /** Whether this source's connections watch the eventfds through an io_uring completion ring. */
    boolean completesByRing() {
        return ioUring;
    }

    @Override
    int drain(int index, SignalHandler handler, CallState connection) throws IOException {
        IoUring r = ring;
        if (r != null && !r.takeReadable(index)) {
            return 0;           // nothing completed: no read(2)
        }
        CallState st = readState;
        long count = EventFd.read(index == 0 ? fd0 : eventFds[index], st != null ? st : connection, name());
        if (count == 0) {
            return 0;
        }
        if (count > 1) {
            addLost(index, count - 1);
        }
        handler.onSignal(index, count);
        return 1;
    }

    /** Closes the eventfds, under the lock {@link #signal} takes, so no write goes to a closed (or reused) descriptor. */
    @Override
    void releaseKernel() {
        synchronized (signalLock) {
            int[] fds = eventFds;
            eventFds = null;
            if (fds != null) {
                for (int fd : fds) {
                    FileDescriptors.close(fd);
                }
            }
        }
    }
}

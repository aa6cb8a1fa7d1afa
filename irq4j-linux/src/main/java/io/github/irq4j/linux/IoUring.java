package io.github.irq4j.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * io_uring(7) as a readiness ring for a few descriptors: {@code io_uring_setup(2)}, the mmap of its
 * SQ/CQ rings and SQE array, one multishot {@code IORING_OP_POLL_ADD(POLLIN)} per watched
 * descriptor, and the completion ring read in user space. {@link #takeReadable} costs loads of
 * mapped memory and no system call unless the kernel has something for it to do
 * ({@code IORING_SQ_TASKRUN}: task work to run; {@code IORING_SQ_CQ_OVERFLOW}: completions to
 * flush); {@code io_uring_enter(2)} otherwise only submits (at {@link #watch} and when a multishot
 * poll ended).
 * <pre>{@code
 * IoUring ring = IoUring.open(4, "efd0");   // the thread that polls it: task work runs on the submitter
 * ring.watch(0, eventFd);                   // index 0; a descriptor already readable completes at once
 * while (running) {
 *     if (ring.takeReadable(0)) {            // no syscall while nothing happened
 *         EventFd.read(eventFd, ...);        // the count
 *     }
 * }
 * ring.close();                             // the rings unmapped, the ring fd closed: the polls are cancelled
 * }</pre>
 * One thread owns a ring from {@link #open} to {@link #close}: it is set up with
 * {@code IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG}, so the kernel never interrupts
 * that thread to post a completion (an IPI to a spinning CPU, tens of microseconds in a VM) but
 * raises a flag the owner sees in its next {@code takeReadable}. This is a benchmark mode of
 * {@link EventFdSource} (see DECISIONS, "io_uring completion ring for eventfd busy-poll"), not a
 * user-visible option: it did not beat a {@code read(2)} loop.
 */
final class IoUring {

    /*
     * Ring protocol (io_uring(7), "Submission queue polling" aside). The CQ ring: the kernel writes
     * cqes[tail & mask] and then tail (release); the owner reads tail (acquire), the entries up to
     * it, and then writes head (release) so the kernel may reuse them. The SQ ring: the owner writes
     * sqes[i], array[tail & mask] = i, then tail (release), then calls io_uring_enter(to_submit).
     * The owner alone writes CQ head and SQ tail, so it reads them plainly. sq_flags is written by
     * the kernel (atomic or/and); it is read with acquire so that a flag seen is not older than the
     * completions it announces.
     */

    /** {@code __NR_io_uring_setup}, {@code __NR_io_uring_enter}: the same on x86-64 and arm64 (unified numbers since 5.1). */
    static final long NR_IO_URING_SETUP = 425;
    static final long NR_IO_URING_ENTER = 426;
    static final int IORING_SETUP_COOP_TASKRUN = 1 << 8;
    static final int IORING_SETUP_TASKRUN_FLAG = 1 << 9;
    static final int IORING_FEAT_SINGLE_MMAP = 1;
    static final int IORING_FEAT_NODROP = 1 << 1;
    static final long IORING_OFF_SQ_RING = 0;
    static final long IORING_OFF_SQES = 0x10000000L;
    static final byte IORING_OP_POLL_ADD = 6;
    static final int IORING_POLL_ADD_MULTI = 1;
    static final int IORING_CQE_F_MORE = 1 << 1;
    static final int IORING_SQ_CQ_OVERFLOW = 1 << 1;
    static final int IORING_SQ_TASKRUN = 1 << 2;
    static final int IORING_ENTER_GETEVENTS = 1;
    static final int POLLIN = 1;
    /** The most descriptors one ring watches. */
    static final int MAX_WATCHED = 64;

    /** {@code struct io_sqring_offsets} (include/uapi/linux/io_uring.h): ten u32 fields and a u64, 40 bytes. */
    static final StructLayout SQRING_OFFSETS = MemoryLayout.structLayout(
            JAVA_INT.withName("head"), JAVA_INT.withName("tail"), JAVA_INT.withName("ring_mask"),
            JAVA_INT.withName("ring_entries"), JAVA_INT.withName("flags"), JAVA_INT.withName("dropped"),
            JAVA_INT.withName("array"), JAVA_INT.withName("resv1"), JAVA_LONG.withName("user_addr"));
    /** {@code struct io_cqring_offsets}: 40 bytes. */
    static final StructLayout CQRING_OFFSETS = MemoryLayout.structLayout(
            JAVA_INT.withName("head"), JAVA_INT.withName("tail"), JAVA_INT.withName("ring_mask"),
            JAVA_INT.withName("ring_entries"), JAVA_INT.withName("overflow"), JAVA_INT.withName("cqes"),
            JAVA_INT.withName("flags"), JAVA_INT.withName("resv1"), JAVA_LONG.withName("user_addr"));
    /**
     * {@code struct io_uring_params}: 120 bytes.
     * <pre>
     * struct io_uring_params { __u32 sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle, features, wq_fd, resv[3];
     *                          struct io_sqring_offsets sq_off; struct io_cqring_offsets cq_off; };
     * </pre>
     */
    static final StructLayout PARAMS = MemoryLayout.structLayout(
            JAVA_INT.withName("sq_entries"), JAVA_INT.withName("cq_entries"), JAVA_INT.withName("flags"),
            JAVA_INT.withName("sq_thread_cpu"), JAVA_INT.withName("sq_thread_idle"), JAVA_INT.withName("features"),
            JAVA_INT.withName("wq_fd"), MemoryLayout.sequenceLayout(3, JAVA_INT).withName("resv"),
            SQRING_OFFSETS.withName("sq_off"), CQRING_OFFSETS.withName("cq_off"));
    /**
     * {@code struct io_uring_sqe} as a POLL_ADD uses it: 64 bytes.
     * <pre>
     * struct io_uring_sqe { __u8 opcode; __u8 flags; __u16 ioprio; __s32 fd; __u64 off; __u64 addr; __u32 len;
     *                       __u32 poll32_events (union); __u64 user_data; __u16 buf_index; __u16 personality;
     *                       __s32 splice_fd_in; __u64 addr3; __u64 __pad2[1]; };
     * </pre>
     */
    static final StructLayout SQE = MemoryLayout.structLayout(
            JAVA_BYTE.withName("opcode"), JAVA_BYTE.withName("flags"), JAVA_SHORT.withName("ioprio"),
            JAVA_INT.withName("fd"), JAVA_LONG.withName("off"), JAVA_LONG.withName("addr"), JAVA_INT.withName("len"),
            JAVA_INT.withName("poll32_events"), JAVA_LONG.withName("user_data"), JAVA_SHORT.withName("buf_index"),
            JAVA_SHORT.withName("personality"), JAVA_INT.withName("splice_fd_in"), JAVA_LONG.withName("addr3"),
            JAVA_LONG.withName("pad2"));
    /** {@code struct io_uring_cqe { __u64 user_data; __s32 res; __u32 flags; }}: 16 bytes. */
    static final StructLayout CQE = MemoryLayout.structLayout(
            JAVA_LONG.withName("user_data"), JAVA_INT.withName("res"), JAVA_INT.withName("flags"));

    private static final long P_SQ_ENTRIES = off(PARAMS, "sq_entries");
    private static final long P_CQ_ENTRIES = off(PARAMS, "cq_entries");
    private static final long P_FLAGS = off(PARAMS, "flags");
    private static final long P_FEATURES = off(PARAMS, "features");
    private static final long P_SQ_OFF = off(PARAMS, "sq_off");
    private static final long P_CQ_OFF = off(PARAMS, "cq_off");
    private static final long SQE_FD = off(SQE, "fd");
    private static final long SQE_LEN = off(SQE, "len");
    private static final long SQE_POLL_EVENTS = off(SQE, "poll32_events");
    private static final long SQE_USER_DATA = off(SQE, "user_data");
    private static final long CQE_RES = off(CQE, "res");
    private static final long CQE_FLAGS = off(CQE, "flags");

    /** An int of mapped ring memory at a byte offset: {@code (MemorySegment, long)}. */
    private static final VarHandle INT = JAVA_INT.varHandle();

    /** syscall(2) for io_uring_setup: {@code long syscall(long number, unsigned entries, struct io_uring_params *p)}. */
    private static final MethodHandle SETUP = Native.downcall("syscall",
            FunctionDescriptor.of(JAVA_LONG,
                    JAVA_LONG, // long number
                    JAVA_INT,  // unsigned entries (variadic)
                    ADDRESS),  // struct io_uring_params *p
            Linker.Option.firstVariadicArg(1));
    /**
     * syscall(2) for io_uring_enter: {@code long syscall(long number, int fd, unsigned to_submit,
     * unsigned min_complete, unsigned flags, const sigset_t *sig, size_t sz)}. Not critical: with
     * {@code min_complete} 0 it never waits, but it runs task work of unbounded length.
     */
    private static final FunctionDescriptor ENTER_CALL = FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, // long number
            JAVA_INT,  // int fd (variadic)
            JAVA_INT,  // unsigned to_submit
            JAVA_INT,  // unsigned min_complete
            JAVA_INT,  // unsigned flags
            ADDRESS,   // const sigset_t *sig (NULL)
            JAVA_LONG); // size_t sz
    private static final MethodHandle ENTER = Native.downcall("syscall", ENTER_CALL, Linker.Option.firstVariadicArg(1));
    /**
     * The same without errno capture, for {@link #reap}'s run of task work: that call site is cold
     * in most profiles, and a capturing downcall the JIT does not inline slices its capture segment
     * on every call (4 to 10 B per interrupt in {@code DispatchAllocationTest}, in 1 of 4 runs).
     * A failure is repeated through {@link #ENTER} to learn its errno: a GETEVENTS enter with
     * nothing to submit and {@code min_complete} 0 only runs pending task work, so it can be.
     */
    private static final MethodHandle ENTER_WITHOUT_ERRNO = Native.downcallWithoutErrno("syscall", ENTER_CALL,
            Linker.Option.firstVariadicArg(1));

    private final String what;
    private final Arena arena;
    private final CallState st;
    private final int ringFd;
    private final MemorySegment rings;
    private final MemorySegment sqes;
    // Byte offsets into `rings`, from the kernel's io_uring_params.
    private final long sqTail;
    private final long sqFlags;
    private final long sqArray;
    private final int sqMask;
    private final long cqHead;
    private final long cqTail;
    private final long cqes;
    private final int cqMask;
    /** Descriptor watched at each index, or -1. Owner thread only. */
    private final int[] watched = new int[MAX_WATCHED];
    /** Readiness the owner reaped and has not taken yet, by index. Owner thread only. */
    private final boolean[] readable = new boolean[MAX_WATCHED];
    /** Multishot polls the kernel ended (a completion without IORING_CQE_F_MORE) and this ring re-armed. */
    private long rearms;
    private boolean closed;

    private IoUring(String what, Arena arena, CallState st, int ringFd, MemorySegment rings, MemorySegment sqes,
                    MemorySegment params) {
        this.what = what;
        this.arena = arena;
        this.st = st;
        this.ringFd = ringFd;
        this.rings = rings;
        this.sqes = sqes;
        this.sqTail = params.get(JAVA_INT, P_SQ_OFF + off(SQRING_OFFSETS, "tail"));
        this.sqFlags = params.get(JAVA_INT, P_SQ_OFF + off(SQRING_OFFSETS, "flags"));
        this.sqArray = params.get(JAVA_INT, P_SQ_OFF + off(SQRING_OFFSETS, "array"));
        this.sqMask = rings.get(JAVA_INT, params.get(JAVA_INT, P_SQ_OFF + off(SQRING_OFFSETS, "ring_mask")));
        this.cqHead = params.get(JAVA_INT, P_CQ_OFF + off(CQRING_OFFSETS, "head"));
        this.cqTail = params.get(JAVA_INT, P_CQ_OFF + off(CQRING_OFFSETS, "tail"));
        this.cqes = params.get(JAVA_INT, P_CQ_OFF + off(CQRING_OFFSETS, "cqes"));
        this.cqMask = rings.get(JAVA_INT, params.get(JAVA_INT, P_CQ_OFF + off(CQRING_OFFSETS, "ring_mask")));
        Arrays.fill(watched, -1);
    }

    /**
     * Sets up a ring of {@code entries} submission slots (the kernel rounds up to a power of two and
     * gives twice as many completion slots) and maps it. On the thread that will own it.
     *
     * @throws IllegalArgumentException if {@code entries} is not 1 to 4096
     * @throws NativeIoException if the kernel refuses ({@code ENOSYS}: no io_uring; {@code EPERM}:
     *         disabled by {@code kernel.io_uring_disabled}; {@code ENOMEM}: locked-memory limit), or
     *         lacks {@code IORING_FEAT_SINGLE_MMAP} (kernel before 5.4; {@code EOPNOTSUPP})
     */
    static IoUring open(int entries, String what) throws NativeIoException {
        if (entries < 1 || entries > 4096) {
            throw new IllegalArgumentException(what + ": io_uring entries " + entries + " (expected: 1 <= entries <= 4096)");
        }
        Arena arena = Arena.ofConfined();
        int fd = -1;
        try {
            CallState st = new CallState(arena);
            MemorySegment params = arena.allocate(PARAMS);
            params.set(JAVA_INT, P_FLAGS, IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG);
            long r;
            try {
                r = (long) SETUP.invokeExact(st.capture, NR_IO_URING_SETUP, entries, params);
            } catch (Throwable t) {
                throw Native.unexpected(t);
            }
            if (r < 0) {
                int errno = st.errno();
                throw new NativeIoException("io_uring_setup(" + entries + ", COOP_TASKRUN | TASKRUN_FLAG)", what, errno,
                        setupHint(errno));
            }
            fd = (int) r;
            int features = params.get(JAVA_INT, P_FEATURES);
            if ((features & IORING_FEAT_SINGLE_MMAP) == 0) {
                throw new NativeIoException("io_uring_setup", what, Errno.EOPNOTSUPP,
                        "the kernel lacks IORING_FEAT_SINGLE_MMAP (features 0x" + Integer.toHexString(features)
                                + "); io_uring needs Linux 5.4 or later here");
            }
            long sqSize = params.get(JAVA_INT, P_SQ_OFF + off(SQRING_OFFSETS, "array"))
                    + 4L * params.get(JAVA_INT, P_SQ_ENTRIES);
            long cqSize = params.get(JAVA_INT, P_CQ_OFF + off(CQRING_OFFSETS, "cqes"))
                    + CQE.byteSize() * params.get(JAVA_INT, P_CQ_ENTRIES);
            MemorySegment rings = Mmap.map(fd, IORING_OFF_SQ_RING, Math.max(sqSize, cqSize), arena, what + " io_uring rings");
            MemorySegment sqes = Mmap.map(fd, IORING_OFF_SQES, SQE.byteSize() * params.get(JAVA_INT, P_SQ_ENTRIES), arena,
                    what + " io_uring SQEs");
            return new IoUring(what, arena, st, fd, rings, sqes, params);
        } catch (NativeIoException | RuntimeException | Error e) {
            arena.close();        // unmaps what was mapped
            FileDescriptors.close(fd);
            throw e;
        }
    }

    private static String setupHint(int errno) {
        return switch (errno) {
            case Errno.ENOSYS -> "this kernel has no io_uring (CONFIG_IO_URING); use the read(2) busy-poll";
            case Errno.EPERM -> "io_uring is disabled for this process (sysctl kernel.io_uring_disabled, or a seccomp filter)";
            case Errno.ENOMEM -> "the ring's memory exceeds the locked-memory limit (ulimit -l) or the kernel is out of memory";
            case Errno.EINVAL -> "the kernel rejected the setup flags: COOP_TASKRUN and TASKRUN_FLAG need Linux 5.19 or later";
            default -> null;
        };
    }

    /**
     * Watches {@code fd} for readability as {@code index}: submits a multishot POLL_ADD. A descriptor
     * readable already completes at once. Owner thread.
     *
     * @throws IllegalArgumentException if {@code index} is out of range or already watched
     * @throws IllegalStateException after {@link #close()}
     * @throws NativeIoException if the submission fails; an invalid {@code fd} fails later, in
     *         {@link #takeReadable}, with the completion's error
     */
    void watch(int index, int fd) throws NativeIoException {
        checkOpen();
        if (index < 0 || index >= MAX_WATCHED || watched[index] >= 0) {
            throw new IllegalArgumentException(what + ": io_uring watch index " + index + (index >= 0 && index < MAX_WATCHED
                    ? " is already watching descriptor " + watched[index] : " (expected: 0 <= index < " + MAX_WATCHED + ")"));
        }
        watched[index] = fd;
        arm(index, fd);
    }

    private void arm(int index, int fd) throws NativeIoException {
        int tail = rings.get(JAVA_INT, sqTail);     // the owner alone writes the SQ tail
        int slot = tail & sqMask;
        MemorySegment sqe = sqes.asSlice(slot * SQE.byteSize(), SQE.byteSize());
        sqe.fill((byte) 0);
        sqe.set(JAVA_BYTE, 0, IORING_OP_POLL_ADD);
        sqe.set(JAVA_INT, SQE_FD, fd);
        sqe.set(JAVA_INT, SQE_POLL_EVENTS, POLLIN);
        sqe.set(JAVA_INT, SQE_LEN, IORING_POLL_ADD_MULTI);
        sqe.set(JAVA_LONG, SQE_USER_DATA, index);
        rings.set(JAVA_INT, sqArray + 4L * slot, slot);
        INT.setRelease(rings, sqTail, tail + 1);    // publishes the SQE to the kernel
        long r = enter(1, 0);
        if (r != 1) {
            throw new NativeIoException("io_uring_enter(submit POLL_ADD)", what + " descriptor " + fd,
                    r < 0 ? st.errno() : Errno.EBUSY, r < 0 ? null : "the kernel took " + r + " of 1 submissions");
        }
    }

    private long enter(int toSubmit, int flags) {
        try {
            return (long) ENTER.invokeExact(st.capture, NR_IO_URING_ENTER, ringFd, toSubmit, 0, flags, MemorySegment.NULL, 0L);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** {@code io_uring_enter(GETEVENTS)} with nothing to submit, errno not captured (see {@link #ENTER_WITHOUT_ERRNO}). */
    private long runTaskWork() {
        try {
            return (long) ENTER_WITHOUT_ERRNO.invokeExact(NR_IO_URING_ENTER, ringFd, 0, 0, IORING_ENTER_GETEVENTS, MemorySegment.NULL, 0L);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * Whether {@code index} became readable since the last call that returned {@code true} for it:
     * reaps the completion ring (and, only when the kernel flags task work or an overflow, enters
     * the kernel to run it). Owner thread; allocates nothing.
     *
     * @throws NativeIoException if a poll completed with an error ({@code EBADF}: the descriptor
     *         was not open), or re-arming an ended multishot poll failed
     */
    boolean takeReadable(int index) throws NativeIoException {
        reap();
        if (readable[index]) {
            readable[index] = false;
            return true;
        }
        return false;
    }

    private void reap() throws NativeIoException {
        int flags = (int) INT.getAcquire(rings, sqFlags);
        if ((flags & (IORING_SQ_TASKRUN | IORING_SQ_CQ_OVERFLOW)) != 0) {
            if (runTaskWork() < 0 && enter(0, IORING_ENTER_GETEVENTS) < 0 && st.errno() != Errno.EINTR) {
                throw new NativeIoException("io_uring_enter(GETEVENTS)", what, st.errno(), null);
            }
        }
        int head = rings.get(JAVA_INT, cqHead);     // the owner alone writes the CQ head
        int tail = (int) INT.getAcquire(rings, cqTail);
        while (head != tail) {
            long cqe = cqes + (long) (head & cqMask) * CQE.byteSize();
            int index = (int) rings.get(JAVA_LONG, cqe);
            int res = rings.get(JAVA_INT, cqe + CQE_RES);
            int cqeFlags = rings.get(JAVA_INT, cqe + CQE_FLAGS);
            head++;
            INT.setRelease(rings, cqHead, head);     // the slot is ours no more
            if (index < 0 || index >= MAX_WATCHED || watched[index] < 0) {
                continue;                             // not ours (cannot happen: only watch() submits)
            }
            if (res < 0) {
                int fd = watched[index];
                watched[index] = -1;
                throw new NativeIoException("io_uring POLL_ADD", what + " descriptor " + fd, -res,
                        -res == Errno.EBADF ? "the descriptor is not open; watch an open one" : null);
            }
            if ((res & POLLIN) != 0) {
                readable[index] = true;
            }
            if ((cqeFlags & IORING_CQE_F_MORE) == 0) {
                rearms++;                             // the kernel ended the multishot (an overflow): arm again
                arm(index, watched[index]);
            }
        }
    }

    /** Multishot polls re-armed after the kernel ended them. Owner thread. */
    long rearms() {
        return rearms;
    }

    /** The ring's descriptor; -1 after {@link #close()}. */
    int fd() {
        return closed ? -1 : ringFd;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(what + ": io_uring used after close(); open a new one");
        }
    }

    /** Unmaps the rings and closes the ring descriptor, which cancels its polls. Owner thread; idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        arena.close();
        FileDescriptors.close(ringFd);
    }

    private static long off(StructLayout layout, String field) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}

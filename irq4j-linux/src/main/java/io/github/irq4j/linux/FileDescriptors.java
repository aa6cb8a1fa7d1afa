package io.github.irq4j.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.function.IntFunction;

/**
 * File descriptors: {@code open(2)}, {@code close(2)}, {@code read(2)}, {@code write(2)},
 * {@code fcntl(2)} and {@code ioctl(2)}. Each method converts its arguments, calls, checks the
 * result and throws a {@link NativeIoException} naming the path or device; {@code EAGAIN} on a
 * non-blocking descriptor is "nothing yet" and returns 0.
 */
final class FileDescriptors {

    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    /** {@code O_NONBLOCK}, 04000 on x86-64 and arm64 alike. */
    static final int O_NONBLOCK = 0x800;
    /** {@code O_CLOEXEC}, 02000000. */
    static final int O_CLOEXEC = 0x80000;
    /** {@code O_SYNC}, 04010000: uncached register maps of PCI resource files. */
    static final int O_SYNC = 0x101000;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;

    /** open(2): {@code int open(const char *pathname, int flags, ... mode_t mode)}. */
    private static final MethodHandle OPEN = Native.downcall("open",
            FunctionDescriptor.of(JAVA_INT,
                    ADDRESS,   // const char *pathname
                    JAVA_INT,  // int flags
                    JAVA_INT), // mode_t mode (variadic)
            Linker.Option.firstVariadicArg(2));
    /** close(2): {@code int close(int fd)}. */
    private static final MethodHandle CLOSE = Native.downcall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT)); // int fd
    /** read(2): {@code ssize_t read(int fd, void *buf, size_t count)}. */
    private static final MethodHandle READ = Native.downcall("read",
            FunctionDescriptor.of(JAVA_LONG,
                    JAVA_INT,   // int fd
                    ADDRESS,    // void *buf
                    JAVA_LONG)); // size_t count
    /** write(2): {@code ssize_t write(int fd, const void *buf, size_t count)}. */
    private static final MethodHandle WRITE = Native.downcall("write",
            FunctionDescriptor.of(JAVA_LONG,
                    JAVA_INT,   // int fd
                    ADDRESS,    // const void *buf
                    JAVA_LONG)); // size_t count
    /**
     * Whether the non-blocking eventfd reads and writes of the dispatch path are linked
     * {@code Linker.Option.critical(false)}: the downcall then skips the Java-to-native thread state
     * transitions and their safepoint check, which is allowed only for calls that never block and
     * return quickly, as a read or write of a non-blocking eventfd does. On by default; the system
     * property {@code irq4j.linux.criticalDowncalls=false} links them as every other call, for
     * measuring the difference (irq4j-bench's latency harness).
     */
    static final boolean CRITICAL = !"false".equals(System.getProperty("irq4j.linux.criticalDowncalls"));
    private static final Linker.Option[] NON_BLOCKING = CRITICAL
            ? new Linker.Option[] {Linker.Option.critical(false)} : new Linker.Option[0];

    /** read(2) for descriptors opened non-blocking whose reads never wait (eventfds); see {@link #CRITICAL}. */
    private static final MethodHandle READ_NB = Native.downcall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), NON_BLOCKING);
    /** write(2) for descriptors opened non-blocking whose writes never wait (eventfds); see {@link #CRITICAL}. */
    private static final MethodHandle WRITE_NB = Native.downcall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), NON_BLOCKING);
    /** {@link #WRITE_NB} without errno capture, for callers that retry a failure through it (see {@link EventFd#writeOne}). */
    private static final MethodHandle WRITE_NB_WITHOUT_ERRNO = Native.downcallWithoutErrno("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), NON_BLOCKING);
    /** pread(2): {@code ssize_t pread(int fd, void *buf, size_t count, off_t offset)}. */
    private static final MethodHandle PREAD = Native.downcall("pread",
            FunctionDescriptor.of(JAVA_LONG,
                    JAVA_INT,   // int fd
                    ADDRESS,    // void *buf
                    JAVA_LONG,  // size_t count
                    JAVA_LONG)); // off_t offset
    /** pwrite(2): {@code ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)}. */
    private static final MethodHandle PWRITE = Native.downcall("pwrite",
            FunctionDescriptor.of(JAVA_LONG,
                    JAVA_INT,   // int fd
                    ADDRESS,    // const void *buf
                    JAVA_LONG,  // size_t count
                    JAVA_LONG)); // off_t offset
    /** fcntl(2): {@code int fcntl(int fd, int cmd, ... int arg)}. */
    private static final MethodHandle FCNTL = Native.downcall("fcntl",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // int fd
                    JAVA_INT,  // int cmd
                    JAVA_INT), // int arg (variadic)
            Linker.Option.firstVariadicArg(2));
    /** ioctl(2): {@code int ioctl(int fd, unsigned long request, ... void *argp)}. */
    private static final MethodHandle IOCTL_PTR = Native.downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // int fd
                    JAVA_LONG, // unsigned long request
                    ADDRESS),  // void *argp (variadic)
            Linker.Option.firstVariadicArg(2));
    /** ioctl(2) with an integer argument: {@code int ioctl(int fd, unsigned long request, ... int arg)}. */
    private static final MethodHandle IOCTL_INT = Native.downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT,
                    JAVA_INT,  // int fd
                    JAVA_LONG, // unsigned long request
                    JAVA_INT), // int arg (variadic)
            Linker.Option.firstVariadicArg(2));

    private FileDescriptors() {
    }

    /**
     * Opens {@code path}.
     *
     * @param hint what to check for a given errno, or {@code null} for the default
     * @throws NativeIoException naming {@code path}
     */
    static int open(String path, int flags, IntFunction<String> hint) throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = (int) OPEN.invokeExact(st.capture, arena.allocateFrom(path), flags | O_CLOEXEC, 0);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return (int) checked(fd, st, "open", null, path, hint);
    }

    /** Closes {@code fd}; a negative {@code fd} is ignored. Errors are ignored: the descriptor is gone either way (close(2) NOTES). */
    static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            int ignored = (int) CLOSE.invokeExact(CallState.forCurrentThread().capture, fd);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * Reads up to {@code count} bytes into {@code buf}.
     *
     * @return the bytes read, or 0 for {@code EAGAIN} (and {@code EINTR}: the caller polls again)
     * @throws NativeIoException naming {@code what}
     */
    static long read(int fd, MemorySegment buf, long count, CallState st, String what) throws NativeIoException {
        long n;
        try {
            n = (long) READ.invokeExact(st.capture, fd, buf, count);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return transferred(n, st, "read", what, true);
    }

    /**
     * Writes {@code count} bytes from {@code buf}.
     *
     * @return the bytes written, or 0 for {@code EAGAIN}
     * @throws NativeIoException naming {@code what}
     */
    static long write(int fd, MemorySegment buf, long count, CallState st, String what) throws NativeIoException {
        long n;
        try {
            n = (long) WRITE.invokeExact(st.capture, fd, buf, count);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return transferred(n, st, "write", what, false);
    }

    /** {@link #read}, for a non-blocking eventfd: linked critical (see {@link #CRITICAL}). */
    static long readNonBlocking(int fd, MemorySegment buf, long count, CallState st, String what) throws NativeIoException {
        long n;
        try {
            n = (long) READ_NB.invokeExact(st.capture, fd, buf, count);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return transferred(n, st, "read", what, true);
    }

    /** {@link #write}, for a non-blocking eventfd: linked critical (see {@link #CRITICAL}). */
    static long writeNonBlocking(int fd, MemorySegment buf, long count, CallState st, String what) throws NativeIoException {
        long n;
        try {
            n = (long) WRITE_NB.invokeExact(st.capture, fd, buf, count);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return transferred(n, st, "write", what, false);
    }

    /**
     * {@link #writeNonBlocking} without errno capture, so without a {@link CallState}: the bytes
     * written, or -1 on any failure, whose cause is not kept.
     */
    static long writeNonBlockingWithoutErrno(int fd, MemorySegment buf, long count) {
        try {
            return (long) WRITE_NB_WITHOUT_ERRNO.invokeExact(fd, buf, count);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Reads {@code count} bytes at {@code offset} (a sysfs attribute such as PCI config space); returns the bytes read. */
    static long pread(int fd, MemorySegment buf, long count, long offset, CallState st, String what) throws NativeIoException {
        long n;
        try {
            n = (long) PREAD.invokeExact(st.capture, fd, buf, count, offset);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return checked(n, st, "pread", null, what, null);
    }

    /** Writes {@code count} bytes at {@code offset}; returns the bytes written. */
    static long pwrite(int fd, MemorySegment buf, long count, long offset, CallState st, String what) throws NativeIoException {
        long n;
        try {
            n = (long) PWRITE.invokeExact(st.capture, fd, buf, count, offset);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return checked(n, st, "pwrite", null, what, null);
    }

    /** Sets {@code O_NONBLOCK} on {@code fd} with {@code fcntl(F_GETFL/F_SETFL)}. */
    static void setNonBlocking(int fd, String what) throws NativeIoException {
        CallState st = CallState.forCurrentThread();
        int flags;
        try {
            flags = (int) FCNTL.invokeExact(st.capture, fd, F_GETFL, 0);
            if (flags >= 0) {
                flags = (int) FCNTL.invokeExact(st.capture, fd, F_SETFL, flags | O_NONBLOCK);
            }
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        checked(flags, st, "fcntl", "O_NONBLOCK", what, null);
    }

    /**
     * {@code ioctl(fd, request, arg)} with a pointer argument.
     *
     * @param name the request's name for messages, such as {@code "VFIO_DEVICE_SET_IRQS"}
     * @param hint what to check for a given errno, or {@code null} for the default
     * @return the call's non-negative result
     * @throws NativeIoException naming {@code name} and {@code what}
     */
    static int ioctl(int fd, long request, MemorySegment arg, CallState st, String name, String what,
                     IntFunction<String> hint) throws NativeIoException {
        int r;
        try {
            r = (int) IOCTL_PTR.invokeExact(st.capture, fd, request, arg);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return (int) checked(r, st, "ioctl", name, what, hint);
    }

    /** {@code ioctl(fd, request, arg)} with an integer argument; as {@link #ioctl(int, long, MemorySegment, CallState, String, String, IntFunction)}. */
    static int ioctl(int fd, long request, int arg, CallState st, String name, String what,
                     IntFunction<String> hint) throws NativeIoException {
        int r;
        try {
            r = (int) IOCTL_INT.invokeExact(st.capture, fd, request, arg);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        return (int) checked(r, st, "ioctl", name, what, hint);
    }

    /*
     * The checks every call above shares. Each kernel call keeps its own method (its handle must be
     * invoked with invokeExact at an exactly typed call site); after the call it hands its result
     * here. Nothing is allocated unless the call failed.
     */

    /**
     * Returns the result {@code r} of the call just made with {@code st} if it is not negative, else
     * throws the failure with the errno {@code st} captured.
     *
     * @param call    the call's name, such as {@code "open"} or {@code "ioctl"}
     * @param request what is shown in parentheses after {@code call}, such as the ioctl request's
     *                name ({@code ioctl(VFIO_DEVICE_SET_IRQS)}), or {@code null}
     * @param what    the path or device the call was made on
     * @param hint    what to check for a given errno, or {@code null} for the default
     * @throws NativeIoException naming the call, {@code what} and the errno
     */
    private static long checked(long r, CallState st, String call, String request, String what,
                                IntFunction<String> hint) throws NativeIoException {
        if (r < 0) {
            int errno = st.errno();
            throw new NativeIoException(request == null ? call : call + "(" + request + ")", what, errno,
                    hint == null ? null : hint.apply(errno));
        }
        return r;
    }

    /**
     * As {@link #checked}, for the byte count {@code n} of a read or write on a possibly
     * non-blocking descriptor: {@code EAGAIN}, and {@code EINTR} if {@code interruptedIsNothingYet},
     * mean "nothing yet" and return 0.
     */
    private static long transferred(long n, CallState st, String call, String what, boolean interruptedIsNothingYet)
            throws NativeIoException {
        if (n < 0) {
            int errno = st.errno();
            if (errno == Errno.EAGAIN || (interruptedIsNothingYet && errno == Errno.EINTR)) {
                return 0;
            }
        }
        return checked(n, st, call, null, what, null);
    }
}

package io.github.irq4j.linux;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Links C library functions. Every handle is linked once, into a {@code private static final}
 * field of the class that owns the kernel interface, with {@code errno} captured: its first
 * parameter is the capture segment of a {@link CallState}. {@link #downcallWithoutErrno} links one
 * without, for a call site whose failure can be repeated with capture to learn its errno.
 */
final class Native {

    static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** {@code true} on x86-64, where some kernel structs ({@code epoll_event}) are packed. */
    static final boolean X86_64;

    static {
        String arch = System.getProperty("os.arch");
        X86_64 = "amd64".equals(arch) || "x86_64".equals(arch);
    }

    private Native() {
    }

    /**
     * Links {@code name} with {@code errno} captured.
     *
     * @throws UnsatisfiedLinkError if the C library lacks the function
     */
    static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        @SuppressWarnings("restricted")
        MethodHandle handle = LINKER.downcallHandle(findOrThrow(name), descriptor, options);
        return handle;
    }

    /**
     * Links {@code name} without {@code errno} capture. For a call that is idempotent and on a
     * path that must not allocate even where the JIT does not inline it: a capturing downcall that
     * is not inlined slices its capture segment on every call (an allocation).
     *
     * @throws UnsatisfiedLinkError if the C library lacks the function
     */
    static MethodHandle downcallWithoutErrno(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        @SuppressWarnings("restricted")
        MethodHandle handle = LINKER.downcallHandle(findOrThrow(name), descriptor, options);
        return handle;
    }

    private static java.lang.foreign.MemorySegment findOrThrow(String name) {
        return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError(
                "C library function '" + name + "' not found (expected: glibc 2.30 or later on Linux)"));
    }

    /** Rethrows what a {@code MethodHandle.invokeExact} threw; downcalls throw nothing checked. */
    static AssertionError unexpected(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new AssertionError("downcall threw " + t, t);
    }
}

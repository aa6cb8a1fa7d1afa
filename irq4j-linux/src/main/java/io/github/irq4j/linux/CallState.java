package io.github.irq4j.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * The memory a thread passes to the kernel calls it makes: the errno capture segment of
 * {@link Linker.Option#captureCallState} and a small scratch buffer for 4- and 8-byte reads and
 * writes. Allocated once per dispatch thread (each source allocates one in {@code open()}, used
 * only by its dispatch thread) or, for calls from other threads, once per thread through
 * {@link #forCurrentThread()}; never per call.
 */
final class CallState {

    /** The layout of the capture segment; holds {@code errno}. */
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    /** Scratch bytes: enough for one 8-byte counter plus alignment slack. */
    static final long SCRATCH_BYTES = 64;

    private static final ThreadLocal<CallState> PER_THREAD = ThreadLocal.withInitial(CallState::automatic);

    /** Written by the kernel call's epilogue; read right after the call, on the same thread. */
    final MemorySegment capture;
    /** 8-byte aligned buffer for small reads and writes; owned by one thread. */
    final MemorySegment scratch;
    /**
     * Whether the memory is in an automatic arena: a downcall's acquire and release of its
     * session are no-ops then (a shared arena's are two atomic updates per segment per call).
     */
    final boolean automatic;

    /** A state in {@code arena}, freed when it closes. */
    CallState(Arena arena) {
        this(arena, false);
    }

    private CallState(Arena arena, boolean automatic) {
        this.capture = arena.allocate(CAPTURE_LAYOUT);
        this.scratch = arena.allocate(SCRATCH_BYTES, 8);
        this.automatic = automatic;
    }

    /** A state in an automatic arena of its own, which the GC frees. */
    static CallState automatic() {
        return new CallState(Arena.ofAuto(), true);
    }

    /** The calling thread's own state, for calls from threads other than a dispatch thread. */
    static CallState forCurrentThread() {
        return PER_THREAD.get();
    }

    /** The errno the last failing call left. */
    int errno() {
        return (int) ERRNO.get(capture, 0L);
    }
}

package io.github.irq4j.bench.latency;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one busy-poll read costs through FFM: {@code read(2)} of an empty non-blocking eventfd
 * (it fails with {@code EAGAIN}, which is what a busy-poll loop does between interrupts), linked
 * four ways, each run for windows of {@value #WINDOW} calls in turn in one JVM so the machine's
 * load hits all alike; the fastest window of each (least preempted) is the cost. Ways: errno
 * captured ({@code captureCallState}, what irq4j-linux must do: it needs {@code EAGAIN}), with and
 * without {@code Linker.Option.critical(false)}; and errno not captured, with and without critical
 * (what the call itself costs). Where the segments live matters as much: a downcall acquires and
 * releases the session of each segment argument, atomically for a shared arena, so the captured
 * critical read runs three times, with the segments in a confined, a shared and an automatic arena
 * (irq4j-linux's dispatch reads used the connection's shared arena; they now use an automatic one).
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp irq4j-bench/target/benchmarks.jar io.github.irq4j.bench.latency.DowncallCost [windows]
 * </pre>
 */
public final class DowncallCost {

    static final int WINDOW = 200_000;

    private DowncallCost() {
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemorySegment READ = LINKER.defaultLookup().find("read").orElseThrow();
    private static final FunctionDescriptor READ_DESC = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);
    // Constants, so that each loop's downcall is inlined as irq4j-linux's static final handles are.
    private static final MethodHandle CAPTURED = LINKER.downcallHandle(READ, READ_DESC, CAPTURE);
    private static final MethodHandle CAPTURED_CRITICAL = LINKER.downcallHandle(READ, READ_DESC, CAPTURE, CRITICAL);
    private static final MethodHandle PLAIN = LINKER.downcallHandle(READ, READ_DESC);
    private static final MethodHandle PLAIN_CRITICAL = LINKER.downcallHandle(READ, READ_DESC, CRITICAL);
    private static final String[] NAMES = {"errno captured", "errno captured, critical", "no errno", "no errno, critical",
        "captured, critical, shared arena", "captured, critical, automatic arena"};

    public static void main(String[] args) throws Throwable {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        MethodHandle eventfd = LINKER.downcallHandle(LINKER.defaultLookup().find("eventfd").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        int fd = (int) eventfd.invokeExact(0, 04000 | 02000000);   // EFD_NONBLOCK | EFD_CLOEXEC
        try (Arena arena = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            MemorySegment buf = arena.allocate(8, 8);
            MemorySegment sharedState = shared.allocate(Linker.Option.captureStateLayout());
            MemorySegment sharedBuf = shared.allocate(8, 8);
            Arena auto = Arena.ofAuto();
            MemorySegment autoState = auto.allocate(Linker.Option.captureStateLayout());
            MemorySegment autoBuf = auto.allocate(8, 8);
            double[][] ns = new double[NAMES.length][windows];
            for (int w = -3; w < windows; w++) {   // 3 windows of warm-up
                for (int k = 0; k < NAMES.length; k++) {
                    long t0 = System.nanoTime();
                    long sum = switch (k) {
                        case 0 -> captured(state, fd, buf);
                        case 1 -> capturedCritical(state, fd, buf);
                        case 2 -> plain(fd, buf);
                        case 3 -> plainCritical(fd, buf);
                        case 4 -> capturedCriticalShared(sharedState, fd, sharedBuf);
                        default -> capturedCriticalAuto(autoState, fd, autoBuf);
                    };
                    double v = (System.nanoTime() - t0) / (double) WINDOW;
                    if (sum != -WINDOW) {
                        throw new IllegalStateException("expected every read to fail with EAGAIN; sum " + sum);
                    }
                    if (w >= 0) {
                        ns[k][w] = v;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "read(2) of an empty non-blocking eventfd (EAGAIN), ns per call, fastest / median of %d windows of %d%n",
                    windows, WINDOW);
            for (int k = 0; k < NAMES.length; k++) {
                double[] c = ns[k].clone();
                Arrays.sort(c);
                System.out.printf(Locale.ROOT, "  %-36s %7.1f / %7.1f%n", NAMES[k], c[0], c[windows / 2]);
            }
        }
    }

    private static long captured(MemorySegment state, int fd, MemorySegment buf) throws Throwable {
        long sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            sum += (long) CAPTURED.invokeExact(state, fd, buf, 8L);
        }
        return sum;
    }

    private static long capturedCritical(MemorySegment state, int fd, MemorySegment buf) throws Throwable {
        long sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            sum += (long) CAPTURED_CRITICAL.invokeExact(state, fd, buf, 8L);
        }
        return sum;
    }

    // Copies of capturedCritical, so that each loop's profile sees one kind of session.
    private static long capturedCriticalShared(MemorySegment state, int fd, MemorySegment buf) throws Throwable {
        long sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            sum += (long) CAPTURED_CRITICAL.invokeExact(state, fd, buf, 8L);
        }
        return sum;
    }

    private static long capturedCriticalAuto(MemorySegment state, int fd, MemorySegment buf) throws Throwable {
        long sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            sum += (long) CAPTURED_CRITICAL.invokeExact(state, fd, buf, 8L);
        }
        return sum;
    }

    private static long plain(int fd, MemorySegment buf) throws Throwable {
        long sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            sum += (long) PLAIN.invokeExact(fd, buf, 8L);
        }
        return sum;
    }

    private static long plainCritical(int fd, MemorySegment buf) throws Throwable {
        long sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            sum += (long) PLAIN_CRITICAL.invokeExact(fd, buf, 8L);
        }
        return sum;
    }
}

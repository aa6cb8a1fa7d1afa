package io.github.irq4j.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.github.irq4j.spi.EdgeSource;
import io.github.irq4j.spi.SignalHandler;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An interrupt source over GPIO lines of a chip ({@code /dev/gpiochipN}, uAPI v2): message i is
 * the i-th requested line. Opening requests the lines as inputs with edge detection (rising,
 * falling or both) and an optional debounce ({@code GPIO_V2_GET_LINE_IOCTL}); a poll reads the
 * 48-byte {@code gpio_v2_line_event}s, one signal per edge, and counts a gap in a line's
 * {@code line_seqno} as lost edges (the kernel's event FIFO overflowed). The last event's kernel
 * timestamp, direction and {@code line_seqno} are kept per line ({@link EdgeSource}), so an ISR
 * reads the edge it runs for. {@link #mask} turns a line's edge detection off
 * ({@code GPIO_V2_LINE_SET_CONFIG_IOCTL}).
 *
 * <p>Loss accounting, from what the kernel does (6.1, {@code gpiolib-cdev.c}): each line request
 * has one event FIFO of {@code event_buffer_size} events (default 16 per requested line, rounded up
 * to a power of two); when it is full the kernel drops the <em>oldest</em> event to queue the new
 * one, and every event carries the line's {@code line_seqno}, which counts from 1 for each request
 * and includes the dropped events. So a gap between two events read is exactly the number dropped
 * between them; the first event read after {@link #connect()} is compared with 0, so events dropped
 * before the first read count too. What the FIFO never saw is not counted: edges that came faster
 * than the kernel's interrupt thread ran merge in the IRQ core, and edges shorter than the
 * debounce period are suppressed by design.
 */
public final class GpioSource extends EpollSource implements EdgeSource {

    /** Edge detection on rising edges. */
    public static final int RISING = 1;
    /** Edge detection on falling edges. */
    public static final int FALLING = 2;
    /** Edge detection on both edges. */
    public static final int BOTH = RISING | FALLING;
    /** The kernel's cap on {@code event_buffer_size}: 16 events for each of 64 lines. */
    public static final int MAX_EVENT_BUFFER_SIZE = 16 * GpioV2.GPIO_V2_LINES_MAX;
    /** Events read per read(2). */
    static final int EVENTS_PER_READ = 16;

    private final String chip;
    private final int[] lines;
    private final long edgeFlags;
    private final int debounceUs;
    /** event_buffer_size of the request, 0 = the kernel's default (16 per line). */
    private final int eventBufferSize;
    /** line offset -> message, -1 if not requested. */
    private final int[] messageOfOffset;
    /** The last line_seqno per message of the current request, 0 = none yet. Single writer (dispatch thread). */
    private final AtomicLongArray lastLineSeqno;
    /** The kernel timestamp of each line's last event. Single writer (dispatch thread). */
    private final AtomicLongArray lastTimestampNs;
    /** The id (rising 1 / falling 2) of each line's last event. Single writer (dispatch thread). */
    private final AtomicIntegerArray lastEdge;

    /** The line request's descriptor; -1 when closed. Set on the dispatch thread; read under the source lock by mask. */
    private volatile int lineFd = -1;
    /** Event buffer, from the connection's arena. Dispatch thread. */
    private MemorySegment eventBuffer;
    /** Guards {@link #values} and {@link #lineFd} against closeKernel while readLevel uses them. */
    private final Object valuesLock = new Object();
    /** A gpio_v2_line_values from the connection's arena, for readLevel; under valuesLock. */
    private MemorySegment values;

    /**
     * Checks the arguments and probes the chip ({@code GPIO_GET_CHIPINFO_IOCTL}).
     *
     * @param chip such as {@code /dev/gpiochip0}
     * @param lines the line offsets, 1 to 64 distinct values below the chip's line count
     * @param edges {@link #RISING}, {@link #FALLING} or {@link #BOTH}
     * @param debounceUs the debounce period in microseconds, 0 for none
     * @throws IllegalArgumentException for bad lines, edges or debounce
     * @throws NativeIoException {@code ENOENT} (no such chip), {@code ENOTTY} (not a GPIO chip), {@code EACCES}
     */
    public GpioSource(Path chip, int[] lines, int edges, int debounceUs) throws IOException {
        this(chip, lines, edges, debounceUs, 0);
    }

    /**
     * The same, with the size of the kernel's event FIFO for this request.
     *
     * @param eventBufferSize {@code event_buffer_size}: the events the kernel holds for the request
     *                        before it drops the oldest, 0 for its default (16 per line); at most
     *                        {@value #MAX_EVENT_BUFFER_SIZE} (the kernel's cap, 16 x 64 lines)
     * @throws IllegalArgumentException for bad lines, edges, debounce or buffer size
     * @throws NativeIoException {@code ENOENT} (no such chip), {@code ENOTTY} (not a GPIO chip), {@code EACCES}
     */
    public GpioSource(Path chip, int[] lines, int edges, int debounceUs, int eventBufferSize) throws IOException {
        super(chip + ":" + Arrays.toString(lines), checkLines(chip, lines));
        if (eventBufferSize < 0 || eventBufferSize > MAX_EVENT_BUFFER_SIZE) {
            throw new IllegalArgumentException(name() + ": event buffer size " + eventBufferSize
                    + " (expected: 0 for the kernel's default, or 1 to " + MAX_EVENT_BUFFER_SIZE + " events)");
        }
        this.eventBufferSize = eventBufferSize;
        if (edges < RISING || edges > BOTH) {
            throw new IllegalArgumentException(name() + ": edges " + edges + " (expected: RISING (1), FALLING (2) or BOTH (3))");
        }
        if (debounceUs < 0) {
            throw new IllegalArgumentException(name() + ": debounce " + debounceUs + " us (expected: >= 0)");
        }
        this.chip = chip.toString();
        this.lines = lines.clone();
        this.edgeFlags = ((edges & RISING) != 0 ? GpioV2.GPIO_V2_LINE_FLAG_EDGE_RISING : 0)
                | ((edges & FALLING) != 0 ? GpioV2.GPIO_V2_LINE_FLAG_EDGE_FALLING : 0);
        this.debounceUs = debounceUs;
        int chipLines = GpioV2.chipLines(this.chip);
        int max = 0;
        for (int line : lines) {
            if (line >= chipLines) {
                throw new IllegalArgumentException(name() + ": line " + line + " (expected: 0 <= line < " + chipLines
                        + ", the line count of " + chip + ")");
            }
            max = Math.max(max, line);
        }
        this.messageOfOffset = new int[max + 1];
        Arrays.fill(messageOfOffset, -1);
        for (int i = 0; i < lines.length; i++) {
            messageOfOffset[lines[i]] = i;
        }
        this.lastLineSeqno = new AtomicLongArray(lines.length);
        this.lastTimestampNs = new AtomicLongArray(lines.length);
        this.lastEdge = new AtomicIntegerArray(lines.length);
    }

    private static int checkLines(Path chip, int[] lines) {
        if (lines == null || lines.length < 1 || lines.length > GpioV2.GPIO_V2_LINES_MAX) {
            throw new IllegalArgumentException(chip + ": " + (lines == null ? "null" : lines.length)
                    + " lines (expected: 1 to " + GpioV2.GPIO_V2_LINES_MAX + " line offsets)");
        }
        if (Arrays.stream(lines).distinct().count() != lines.length || Arrays.stream(lines).anyMatch(l -> l < 0)) {
            throw new IllegalArgumentException(chip + ": lines " + Arrays.toString(lines) + " (expected: distinct offsets >= 0)");
        }
        return lines.length;
    }

    /** The kernel timestamp ({@code CLOCK_MONOTONIC} ns, as {@code System.nanoTime()}) of message {@code message}'s last edge, 0 if none yet. Any thread. */
    @Override
    public long lastTimestampNs(int message) {
        checkMessage(message);
        return lastTimestampNs.get(message);
    }

    /** {@link #RISING_EDGE} or {@link #FALLING_EDGE} for message {@code message}'s last edge (the event's {@code id}), 0 if none yet. Any thread. */
    @Override
    public int lastEdge(int message) {
        checkMessage(message);
        return lastEdge.get(message);
    }

    /** The kernel's {@code line_seqno} of message {@code message}'s last edge in the current line request (from 1), 0 if none yet. Any thread. */
    @Override
    public long lastSequence(int message) {
        checkMessage(message);
        return lastLineSeqno.get(message);
    }

    @Override
    void openKernel(CallState st) throws IOException {
        Arena arena = connectionArena();
        eventBuffer = arena.allocate(GpioV2.LINE_EVENT, EVENTS_PER_READ);
        MemorySegment valuesSegment = arena.allocate(GpioV2.LINE_VALUES);
        MemorySegment req = arena.allocate(GpioV2.LINE_REQUEST);
        for (int i = 0; i < lines.length; i++) {
            req.set(JAVA_INT, GpioV2.REQUEST_OFFSETS + 4L * i, lines[i]);
        }
        byte[] consumer = "irq4j".getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(consumer, 0, req, java.lang.foreign.ValueLayout.JAVA_BYTE, GpioV2.REQUEST_CONSUMER, consumer.length);
        GpioV2.fillConfig(req.asSlice(GpioV2.REQUEST_CONFIG, GpioV2.LINE_CONFIG.byteSize()), edgeFlags, debounceUs,
                lines.length, maskedLines());
        req.set(JAVA_INT, GpioV2.REQUEST_NUM_LINES, lines.length);
        req.set(JAVA_INT, GpioV2.REQUEST_EVENT_BUFFER_SIZE, eventBufferSize);
        // A new request numbers each line's events from 1 again.
        for (int m = 0; m < lines.length; m++) {
            lastLineSeqno.setRelease(m, 0);
        }
        int chipFd = FileDescriptors.open(chip, FileDescriptors.O_RDWR, GpioV2::hint);
        try {
            FileDescriptors.ioctl(chipFd, GpioV2.GPIO_V2_GET_LINE_IOCTL, req, st, "GPIO_V2_GET_LINE_IOCTL",
                    name(), GpioV2::hint);
        } finally {
            FileDescriptors.close(chipFd);
        }
        int fd = req.get(JAVA_INT, GpioV2.REQUEST_FD);
        synchronized (valuesLock) {
            lineFd = fd;
            values = valuesSegment;
        }
        FileDescriptors.setNonBlocking(fd, name());
        register(fd, st);
    }

    private long maskedLines() {
        long bits = 0;
        for (int i = 0; i < lines.length; i++) {
            if (isMasked(i)) {
                bits |= 1L << i;
            }
        }
        return bits;
    }

    @Override
    void closeKernel() {
        int fd;
        synchronized (valuesLock) {
            fd = lineFd;
            lineFd = -1;
            values = null;
        }
        FileDescriptors.close(fd);
    }

    /**
     * {@inheritDoc} One {@code GPIO_V2_LINE_GET_VALUES_IOCTL} on the line request; allocates
     * nothing after the calling thread's first native call.
     */
    @Override
    public boolean readLevel(int message) {
        checkMessage(message);
        synchronized (valuesLock) {
            MemorySegment v = values;
            if (lineFd < 0 || v == null) {
                throw new IllegalStateException(name() + ": readLevel() while the lines are not requested;"
                        + " read levels while the interrupt is connected (between onD0Entry and onD0Exit)");
            }
            v.set(JAVA_LONG, GpioV2.VALUES_BITS, 0);
            v.set(JAVA_LONG, GpioV2.VALUES_MASK, 1L << message);
            try {
                FileDescriptors.ioctl(lineFd, GpioV2.GPIO_V2_LINE_GET_VALUES_IOCTL, v, CallState.forCurrentThread(),
                        "GPIO_V2_LINE_GET_VALUES_IOCTL", name(), GpioV2::hint);
            } catch (NativeIoException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return (v.get(JAVA_LONG, GpioV2.VALUES_BITS) & (1L << message)) != 0;
        }
    }

    @Override
    int drain(int index, SignalHandler handler, CallState st) throws IOException {
        MemorySegment buf = eventBuffer;
        long eventSize = GpioV2.LINE_EVENT.byteSize();
        int signals = 0;
        long n;
        do {
            n = FileDescriptors.read(lineFd, buf, buf.byteSize(), st, name());
            int events = (int) (n / eventSize);
            for (int e = 0; e < events; e++) {
                long base = e * eventSize;
                int offset = buf.get(JAVA_INT, base + GpioV2.EVENT_OFFSET);
                int message = offset < messageOfOffset.length ? messageOfOffset[offset] : -1;
                if (message < 0) {
                    continue;   // not one of ours: cannot happen with a line request
                }
                long seq = Integer.toUnsignedLong(buf.get(JAVA_INT, base + GpioV2.EVENT_LINE_SEQNO));
                // line_seqno is a __u32: the gap is taken modulo 2^32 (a wrap after 4 G edges is not a loss).
                long gap = (seq - lastLineSeqno.getPlain(message) - 1) & 0xFFFF_FFFFL;
                if (gap != 0) {
                    addLost(message, gap);
                }
                lastLineSeqno.setRelease(message, seq);
                lastTimestampNs.setRelease(message, buf.get(JAVA_LONG, base + GpioV2.EVENT_TIMESTAMP));
                lastEdge.setRelease(message, buf.get(JAVA_INT, base + GpioV2.EVENT_ID));
                handler.onSignal(message, 1);
                signals++;
            }
        } while (n == buf.byteSize());
        return signals;
    }

    @Override
    void maskAtSource(int message, boolean mask, CallState st) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(GpioV2.LINE_CONFIG);
            GpioV2.fillConfig(config, edgeFlags, debounceUs, lines.length, maskedLines());
            FileDescriptors.ioctl(lineFd, GpioV2.GPIO_V2_LINE_SET_CONFIG_IOCTL, config, st,
                    "GPIO_V2_LINE_SET_CONFIG_IOCTL", name(), GpioV2::hint);
        }
    }
}

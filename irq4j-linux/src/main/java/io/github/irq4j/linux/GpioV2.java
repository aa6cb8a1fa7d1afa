package io.github.irq4j.linux;

import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.MemoryLayout.unionLayout;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * The GPIO character device, uAPI v2 ({@code <linux/gpio.h>}): chip info, line requests with
 * edge detection and debounce, and 48-byte edge events with kernel timestamps and sequence
 * numbers. Layouts are the same on x86-64 and arm64 (the uAPI pads explicitly).
 */
final class GpioV2 {

    static final int GPIO_MAX_NAME_SIZE = 32;
    static final int GPIO_V2_LINES_MAX = 64;
    static final int GPIO_V2_LINE_NUM_ATTRS_MAX = 10;

    static final long GPIO_V2_LINE_FLAG_INPUT = 1L << 2;
    static final long GPIO_V2_LINE_FLAG_EDGE_RISING = 1L << 4;
    static final long GPIO_V2_LINE_FLAG_EDGE_FALLING = 1L << 5;
    static final int GPIO_V2_LINE_ATTR_ID_FLAGS = 1;
    static final int GPIO_V2_LINE_ATTR_ID_DEBOUNCE = 3;
    static final int GPIO_V2_LINE_EVENT_RISING_EDGE = 1;
    static final int GPIO_V2_LINE_EVENT_FALLING_EDGE = 2;

    /** {@code struct gpiochip_info { char name[32]; char label[32]; __u32 lines; }}: 68 bytes. */
    static final StructLayout GPIOCHIP_INFO = structLayout(
            sequenceLayout(GPIO_MAX_NAME_SIZE, JAVA_BYTE).withName("name"),
            sequenceLayout(GPIO_MAX_NAME_SIZE, JAVA_BYTE).withName("label"),
            JAVA_INT.withName("lines"));

    /**
     * <pre>{@code
     * struct gpio_v2_line_attribute {
     *     __u32 id;
     *     __u32 padding;
     *     union { __aligned_u64 flags; __aligned_u64 values; __u32 debounce_period_us; };
     * };  // 16 bytes
     * }</pre>
     */
    static final StructLayout LINE_ATTRIBUTE = structLayout(
            JAVA_INT.withName("id"),
            JAVA_INT.withName("padding"),
            unionLayout(
                    JAVA_LONG.withName("flags"),
                    JAVA_LONG.withName("values"),
                    JAVA_INT.withName("debounce_period_us")).withName("u"));

    /** {@code struct gpio_v2_line_config_attribute { struct gpio_v2_line_attribute attr; __aligned_u64 mask; }}: 24 bytes. */
    static final StructLayout LINE_CONFIG_ATTRIBUTE = structLayout(
            LINE_ATTRIBUTE.withName("attr"),
            JAVA_LONG.withName("mask"));

    /**
     * <pre>{@code
     * struct gpio_v2_line_config {
     *     __aligned_u64 flags;
     *     __u32 num_attrs;
     *     __u32 padding[5];
     *     struct gpio_v2_line_config_attribute attrs[GPIO_V2_LINE_NUM_ATTRS_MAX];
     * };  // 272 bytes
     * }</pre>
     */
    static final StructLayout LINE_CONFIG = structLayout(
            JAVA_LONG.withName("flags"),
            JAVA_INT.withName("num_attrs"),
            sequenceLayout(5, JAVA_INT).withName("padding"),
            sequenceLayout(GPIO_V2_LINE_NUM_ATTRS_MAX, LINE_CONFIG_ATTRIBUTE).withName("attrs"));

    /**
     * <pre>{@code
     * struct gpio_v2_line_request {
     *     __u32 offsets[GPIO_V2_LINES_MAX];
     *     char consumer[GPIO_MAX_NAME_SIZE];
     *     struct gpio_v2_line_config config;
     *     __u32 num_lines;
     *     __u32 event_buffer_size;
     *     __u32 padding[5];
     *     __s32 fd;
     * };  // 592 bytes
     * }</pre>
     */
    static final StructLayout LINE_REQUEST = structLayout(
            sequenceLayout(GPIO_V2_LINES_MAX, JAVA_INT).withName("offsets"),
            sequenceLayout(GPIO_MAX_NAME_SIZE, JAVA_BYTE).withName("consumer"),
            LINE_CONFIG.withName("config"),
            JAVA_INT.withName("num_lines"),
            JAVA_INT.withName("event_buffer_size"),
            sequenceLayout(5, JAVA_INT).withName("padding"),
            JAVA_INT.withName("fd"));

    /**
     * <pre>{@code
     * struct gpio_v2_line_event {
     *     __aligned_u64 timestamp_ns;
     *     __u32 id;
     *     __u32 offset;
     *     __u32 seqno;
     *     __u32 line_seqno;
     *     __u32 padding[6];
     * };  // 48 bytes
     * }</pre>
     */
    static final StructLayout LINE_EVENT = structLayout(
            JAVA_LONG.withName("timestamp_ns"),
            JAVA_INT.withName("id"),
            JAVA_INT.withName("offset"),
            JAVA_INT.withName("seqno"),
            JAVA_INT.withName("line_seqno"),
            sequenceLayout(6, JAVA_INT).withName("padding"));

    /** {@code struct gpio_v2_line_values { __aligned_u64 bits; __aligned_u64 mask; }}: 16 bytes. */
    static final StructLayout LINE_VALUES = structLayout(
            JAVA_LONG.withName("bits"),
            JAVA_LONG.withName("mask"));

    static final long CHIPINFO_LINES = GPIOCHIP_INFO.byteOffset(PathElement.groupElement("lines"));
    static final long ATTR_ID = LINE_ATTRIBUTE.byteOffset(PathElement.groupElement("id"));
    static final long ATTR_VALUE = LINE_ATTRIBUTE.byteOffset(PathElement.groupElement("u"));
    static final long CONFIG_ATTR_MASK = LINE_CONFIG_ATTRIBUTE.byteOffset(PathElement.groupElement("mask"));
    static final long CONFIG_FLAGS = LINE_CONFIG.byteOffset(PathElement.groupElement("flags"));
    static final long CONFIG_NUM_ATTRS = LINE_CONFIG.byteOffset(PathElement.groupElement("num_attrs"));
    static final long CONFIG_ATTRS = LINE_CONFIG.byteOffset(PathElement.groupElement("attrs"));
    static final long REQUEST_OFFSETS = LINE_REQUEST.byteOffset(PathElement.groupElement("offsets"));
    static final long REQUEST_CONSUMER = LINE_REQUEST.byteOffset(PathElement.groupElement("consumer"));
    static final long REQUEST_CONFIG = LINE_REQUEST.byteOffset(PathElement.groupElement("config"));
    static final long REQUEST_NUM_LINES = LINE_REQUEST.byteOffset(PathElement.groupElement("num_lines"));
    static final long REQUEST_EVENT_BUFFER_SIZE = LINE_REQUEST.byteOffset(PathElement.groupElement("event_buffer_size"));
    static final long REQUEST_FD = LINE_REQUEST.byteOffset(PathElement.groupElement("fd"));
    static final long VALUES_BITS = LINE_VALUES.byteOffset(PathElement.groupElement("bits"));
    static final long VALUES_MASK = LINE_VALUES.byteOffset(PathElement.groupElement("mask"));
    static final long EVENT_TIMESTAMP = LINE_EVENT.byteOffset(PathElement.groupElement("timestamp_ns"));
    static final long EVENT_ID = LINE_EVENT.byteOffset(PathElement.groupElement("id"));
    static final long EVENT_OFFSET = LINE_EVENT.byteOffset(PathElement.groupElement("offset"));
    static final long EVENT_SEQNO = LINE_EVENT.byteOffset(PathElement.groupElement("seqno"));
    static final long EVENT_LINE_SEQNO = LINE_EVENT.byteOffset(PathElement.groupElement("line_seqno"));

    /** {@code GPIO_GET_CHIPINFO_IOCTL = _IOR(0xB4, 0x01, struct gpiochip_info)}. */
    static final long GPIO_GET_CHIPINFO_IOCTL = Ioc.ior(0xB4, 0x01, GPIOCHIP_INFO.byteSize());
    /** {@code GPIO_V2_GET_LINE_IOCTL = _IOWR(0xB4, 0x07, struct gpio_v2_line_request)}. */
    static final long GPIO_V2_GET_LINE_IOCTL = Ioc.iowr(0xB4, 0x07, LINE_REQUEST.byteSize());
    /** {@code GPIO_V2_LINE_SET_CONFIG_IOCTL = _IOWR(0xB4, 0x0D, struct gpio_v2_line_config)}. */
    static final long GPIO_V2_LINE_SET_CONFIG_IOCTL = Ioc.iowr(0xB4, 0x0D, LINE_CONFIG.byteSize());
    /** {@code GPIO_V2_LINE_GET_VALUES_IOCTL = _IOWR(0xB4, 0x0E, struct gpio_v2_line_values)}. */
    static final long GPIO_V2_LINE_GET_VALUES_IOCTL = Ioc.iowr(0xB4, 0x0E, LINE_VALUES.byteSize());

    private GpioV2() {
    }

    /** What to check when a GPIO call fails. */
    static String hint(int errno) {
        return switch (errno) {
            case Errno.ENOENT -> "no such GPIO chip; list /dev/gpiochip* (gpiodetect)";
            case Errno.ENOTTY -> "not a GPIO character device (expected /dev/gpiochipN with the v2 uAPI, kernel 5.10+)";
            case Errno.EBUSY -> "the line is requested by another consumer; see gpioinfo";
            case Errno.EINVAL -> "the chip rejected the line offsets or flags (edge detection, debounce); check gpioinfo";
            case Errno.EACCES, Errno.EPERM -> "no permission on the GPIO chip; run as root or add the user to its group";
            default -> null;
        };
    }

    /** Opens a GPIO chip node and returns its line count ({@code GPIO_GET_CHIPINFO_IOCTL}); the descriptor is closed. */
    static int chipLines(String chip) throws NativeIoException {
        int fd = FileDescriptors.open(chip, FileDescriptors.O_RDWR, GpioV2::hint);
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment info = arena.allocate(GPIOCHIP_INFO);
            FileDescriptors.ioctl(fd, GPIO_GET_CHIPINFO_IOCTL, info, CallState.forCurrentThread(),
                    "GPIO_GET_CHIPINFO_IOCTL", chip, GpioV2::hint);
            return info.get(JAVA_INT, CHIPINFO_LINES);
        } finally {
            FileDescriptors.close(fd);
        }
    }

    /**
     * Fills a {@link #LINE_CONFIG}: inputs with {@code edgeFlags}, debounce for every line if
     * {@code debounceUs > 0}, and no edge detection for the lines in {@code maskedLines} (bit i =
     * the i-th requested line).
     */
    static void fillConfig(MemorySegment config, long edgeFlags, int debounceUs, int lineCount, long maskedLines) {
        config.fill((byte) 0);
        config.set(JAVA_LONG, CONFIG_FLAGS, GPIO_V2_LINE_FLAG_INPUT | edgeFlags);
        long all = lineCount == 64 ? -1L : (1L << lineCount) - 1;
        int n = 0;
        if (debounceUs > 0) {
            long a = CONFIG_ATTRS + n * LINE_CONFIG_ATTRIBUTE.byteSize();
            config.set(JAVA_INT, a + ATTR_ID, GPIO_V2_LINE_ATTR_ID_DEBOUNCE);
            config.set(JAVA_INT, a + ATTR_VALUE, debounceUs);
            config.set(JAVA_LONG, a + CONFIG_ATTR_MASK, all);
            n++;
        }
        if ((maskedLines & all) != 0) {
            long a = CONFIG_ATTRS + n * LINE_CONFIG_ATTRIBUTE.byteSize();
            config.set(JAVA_INT, a + ATTR_ID, GPIO_V2_LINE_ATTR_ID_FLAGS);
            config.set(JAVA_LONG, a + ATTR_VALUE, GPIO_V2_LINE_FLAG_INPUT);
            config.set(JAVA_LONG, a + CONFIG_ATTR_MASK, maskedLines & all);
            n++;
        }
        config.set(JAVA_INT, CONFIG_NUM_ATTRS, n);
    }
}

package io.github.irq4j;

import io.github.irq4j.spi.InterruptSource;
import java.util.Objects;

/**
 * An interrupt line or message assigned to a device. Mirrors a {@code CmResourceTypeInterrupt}
 * descriptor (raw and translated in one): the vector, the device level, the mode, polarity and
 * share disposition, and the {@link InterruptSource} that delivers it. Interrupts created on the
 * same source and message share the line.
 *
 * @param name a name for messages, such as {@code "uart0.irq"}
 * @param source the source that delivers this line's signals
 * @param message the line or message index within {@code source}, 0-based
 * @param vector the vector reported by {@link InterruptInfo#vector()}
 * @param dirqlIndex the device level index: a spin-lock interrupt's ISR runs at {@code Irql.dirql(dirqlIndex)}
 * @param mode edge ({@code LATCHED}) or level-sensitive
 * @param polarity the signal polarity
 * @param shareDisposition whether other interrupts may connect to the same line
 * @param messageSignaled whether this is an MSI/MSI-X message
 * @param targetProcessorSet the processors the line is routed to (affinity mask, bit n = CPU n)
 */
public record InterruptResource(String name, InterruptSource source, int message, int vector, int dirqlIndex,
                                InterruptMode mode, InterruptPolarity polarity, ShareDisposition shareDisposition,
                                boolean messageSignaled, long targetProcessorSet) implements Resource {

    public InterruptResource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(polarity, "polarity");
        Objects.requireNonNull(shareDisposition, "shareDisposition");
        if (message < 0 || message >= source.messageCount()) {
            throw new IllegalArgumentException(name + ": message " + message + " (expected: 0 <= message < "
                    + source.messageCount() + ", the message count of source '" + source.name() + "')");
        }
        if (dirqlIndex < 0 || dirqlIndex > Irql.MAX_DIRQL) {
            throw new IllegalArgumentException(name + ": dirqlIndex " + dirqlIndex + " (expected: 0 <= dirqlIndex <= " + Irql.MAX_DIRQL + ")");
        }
    }

    /**
     * An exclusive, active-high line of {@code source} at message {@code message}, vector
     * {@code message}, {@code DIRQL(message)} capped to the highest level, routed to every processor.
     */
    public static InterruptResource line(String name, InterruptSource source, int message, InterruptMode mode) {
        return new InterruptResource(name, source, message, message, Math.min(message, Irql.MAX_DIRQL), mode,
                mode == InterruptMode.LATCHED ? InterruptPolarity.RISING_EDGE : InterruptPolarity.ACTIVE_HIGH,
                ShareDisposition.DEVICE_EXCLUSIVE, false, -1L);
    }

    /** This resource with another share disposition. */
    public InterruptResource withShareDisposition(ShareDisposition disposition) {
        return new InterruptResource(name, source, message, vector, dirqlIndex, mode, polarity, disposition,
                messageSignaled, targetProcessorSet);
    }

    /** This resource with another device level index. */
    public InterruptResource withDirqlIndex(int index) {
        return new InterruptResource(name, source, message, vector, index, mode, polarity, shareDisposition,
                messageSignaled, targetProcessorSet);
    }

    /** This resource marked as an MSI message. */
    public InterruptResource asMessageSignaled() {
        return new InterruptResource(name, source, message, vector, dirqlIndex, InterruptMode.LATCHED, polarity,
                shareDisposition, true, targetProcessorSet);
    }
}

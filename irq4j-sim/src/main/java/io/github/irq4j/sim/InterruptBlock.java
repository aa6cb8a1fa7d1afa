package io.github.irq4j.sim;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * The interrupt block of a {@link SimDevice}: the latched causes (its status register), the mask or
 * enable register, and what an acknowledge does (clear, run the ack action, re-latch the level
 * conditions that still hold). Guarded by the model's lock; the model drives its line from
 * {@link #pending()}.
 */
final class InterruptBlock {

    /** Whether the mask register masks (a set bit masks the cause), enables, or is absent. */
    enum MaskKind { NONE, MASK, ENABLE }

    private final int causes;
    private final MaskKind maskKind;
    private final IntConsumer onAck;
    private final int[] relatchCauses;
    private final BooleanSupplier[] relatchConditions;

    /** The latched causes; guarded by the model's lock. */
    int status;
    /** The mask (or enable) register; guarded by the model's lock. */
    int mask;

    /**
     * @param causes the cause bits the device has
     * @param onAck run with the bits an acknowledge cleared, or null
     * @param relatchCauses with {@code relatchConditions}: causes latched again after an acknowledge while their condition holds
     */
    InterruptBlock(int causes, MaskKind maskKind, IntConsumer onAck, List<Integer> relatchCauses,
                   List<BooleanSupplier> relatchConditions) {
        this.causes = causes;
        this.maskKind = maskKind;
        this.onAck = onAck;
        this.relatchCauses = relatchCauses.stream().mapToInt(Integer::intValue).toArray();
        this.relatchConditions = relatchConditions.toArray(BooleanSupplier[]::new);
    }

    /** The causes the device has and the mask register lets through. */
    int enabledCauses() {
        return switch (maskKind) {
            case NONE -> causes;
            case MASK -> causes & ~mask;
            case ENABLE -> causes & mask;
        };
    }

    /** The causes latched and enabled: what asserts a level line. */
    int pending() {
        return status & enabledCauses();
    }

    /** A write of the mask (or enable) register: bits of causes the device lacks read back 0. */
    void writeMask(long value) {
        mask = (int) value & causes;
    }

    /** A write of the acknowledge register: clears {@code bits}, runs the ack action, re-latches the conditions that hold. */
    void acknowledge(int bits) {
        status &= ~bits;
        if (onAck != null) {
            onAck.accept(bits);
        }
        for (int i = 0; i < relatchCauses.length; i++) {
            if (relatchConditions[i].getAsBoolean()) {
                status |= relatchCauses[i];
            }
        }
    }
}

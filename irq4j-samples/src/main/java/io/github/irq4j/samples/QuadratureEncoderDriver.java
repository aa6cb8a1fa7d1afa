package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.DevicePowerState;
import io.github.irq4j.Driver;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.PnpPowerCallbacks;
import io.github.irq4j.Resource;
import io.github.irq4j.SpinLock;
import io.github.irq4j.WdfObject;
import io.github.irq4j.spi.EdgeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A rotary (quadrature) encoder on two GPIO input lines A and B, both edges, decoded x4: every
 * edge of either line is one step, forward when A leads B ({@code 00 -> 10 -> 11 -> 01 -> 00},
 * bits A then B), backward the other way. Run it on two edge lines of one chip, e.g.
 * {@code --device gpio:/dev/gpiochip0:17,18:both} (the first line is A).
 *
 * <p>Each line has its own spin-lock interrupt; both use one {@link SpinLock} (the
 * {@code SpinLock} member of {@code WDF_INTERRUPT_CONFIG}), so the two ISRs and the readers of the
 * initialisation of the decoder exclude each other; readers get the counters lock-free (each
 * is one volatile field with a single writer at a time). The ISR runs at DIRQL, takes the edge's direction from the source
 * ({@link EdgeSource#lastEdge}: the kernel's event, not a racy read of the level), updates the
 * line's level and the position, and queues the DPC, which hands the new position to a listener
 * outside the lock. An edge that does not change the decoder's state means the other half of a
 * pulse was lost (the kernel's FIFO overflowed, or the line bounced faster than edge detection);
 * it is counted in {@link #invalidTransitions()} and the level is resynchronised from the event.
 * Where the lines rest at start is read once with {@link EdgeSource#readLevel} after the
 * interrupts are connected ({@code EvtDeviceD0EntryPostInterruptsEnabled}).
 */
public final class QuadratureEncoderDriver implements Driver, PnpPowerCallbacks {

    /** State transitions indexed {@code (old << 2) | new}, state = {@code (A << 1) | B}: +1, -1, or 0 (no move). */
    private static final int[] STEP = {
        //        new: 00  01  10  11
        /* 00 */       0, -1, +1,  0,
        /* 01 */      +1,  0,  0, -1,
        /* 10 */      -1,  0,  0, +1,
        /* 11 */       0, +1, -1,  0,
    };

    private Interrupt lineA;
    private Interrupt lineB;
    private EdgeSource sourceA;
    private EdgeSource sourceB;
    private int messageA;
    private int messageB;

    // Written under the shared spin lock (both ISRs, onD0EntryPostInterruptsEnabled). The counters are
    // volatile so that readers on any thread, started or not, get the latest value without the lock.
    private int state;
    private volatile long position;
    private volatile long steps;
    private volatile long invalid;
    private volatile int lastDirection;

    private volatile LongConsumer positionListener;
    /** The DPC's own copy of the last position reported; DPC only. */
    private long reportedPosition;

    /** Creates the driver; lines come from the device's first two interrupt resources. */
    public QuadratureEncoderDriver() {
    }

    @Override
    public void onDeviceAdd(Device device) {
        List<InterruptResource> lines = new ArrayList<>();
        for (Resource r : device.resources()) {
            if (r instanceof InterruptResource i && i.source() instanceof EdgeSource) {
                lines.add(i);
            }
        }
        if (lines.size() != 2) {
            throw new IllegalArgumentException("device '" + device.name() + "' has " + lines.size()
                    + " edge interrupt line(s); a quadrature encoder needs exactly two, A then B, with both edges"
                    + " (e.g. --device gpio:/dev/gpiochip0:17,18:both)");
        }
        device.setPnpPowerCallbacks(this);
        SpinLock lock = device.createSpinLock(device.name() + ".encoder");
        sourceA = (EdgeSource) lines.get(0).source();
        messageA = lines.get(0).message();
        sourceB = (EdgeSource) lines.get(1).source();
        messageB = lines.get(1).message();
        lineA = device.createInterrupt(InterruptConfig.builder((i, m) -> onEdge(sourceA.lastEdge(messageA), 1))
                .name(device.name() + ".A").resource(lines.get(0)).spinLock(lock).dpc(this::onDpc).build());
        lineB = device.createInterrupt(InterruptConfig.builder((i, m) -> onEdge(sourceB.lastEdge(messageB), 0))
                .name(device.name() + ".B").resource(lines.get(1)).spinLock(lock).dpc(this::onDpc).build());
    }

    /** Where the lines rest once the interrupts are connected: the decoder's starting state. */
    @Override
    public void onD0EntryPostInterruptsEnabled(Device device, DevicePowerState previousState) {
        boolean a = sourceA.readLevel(messageA);
        boolean b = sourceB.readLevel(messageB);
        lineA.acquireLock();
        try {
            state = (a ? 2 : 0) | (b ? 1 : 0);
        } finally {
            lineA.releaseLock();
        }
    }

    /**
     * The ISR of either line, at DIRQL holding the shared spin lock.
     *
     * @param edge {@link EdgeSource#RISING_EDGE} or {@link EdgeSource#FALLING_EDGE}
     * @param bit the line's bit in the state: 1 for A, 0 for B
     */
    private boolean onEdge(int edge, int bit) {
        if (edge != EdgeSource.RISING_EDGE && edge != EdgeSource.FALLING_EDGE) {
            return false;   // no edge recorded for this line: not ours
        }
        int next = edge == EdgeSource.RISING_EDGE ? state | (1 << bit) : state & ~(1 << bit);
        int step = STEP[(state << 2) | next];
        if (step == 0) {
            invalid = invalid + 1;
        } else {
            position = position + step;
            steps = steps + 1;
            lastDirection = step;
        }
        state = next;
        (bit == 1 ? lineA : lineB).queueDpcForIsr();
        return true;
    }

    /** The DPC, at DISPATCH: report a changed position outside the lock. */
    private void onDpc(Interrupt interrupt, WdfObject associated) {
        LongConsumer listener = positionListener;
        long p = position();
        if (listener != null && p != reportedPosition) {
            listener.accept(p);
        }
        reportedPosition = p;
    }

    /** Receives the position from the DPC whenever it changed (on a framework thread; do not block). */
    public void setPositionListener(LongConsumer listener) {
        this.positionListener = listener;
    }

    /** The position in quarter steps (x4 decoding): forward steps minus backward steps. Any thread, any time. */
    public long position() {
        return position;
    }

    /** Steps decoded (either direction). Any thread, any time. */
    public long steps() {
        return steps;
    }

    /** Edges that did not move the decoder (the other half of a pulse was lost). Any thread, any time. */
    public long invalidTransitions() {
        return invalid;
    }

    /** +1 if the last step was forward, -1 if backward, 0 before the first. Any thread, any time. */
    public int direction() {
        return lastDirection;
    }

    /** Edges the source reported lost on lines A and B (kernel sequence-number gaps); 0 before the device was added. Any thread. */
    public long lostEdges() {
        Interrupt a = lineA;
        Interrupt b = lineB;
        return a == null || b == null ? 0 : a.statistics().lost() + b.statistics().lost();
    }
}

package io.github.irq4j.sim;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.MemoryResource;
import io.github.irq4j.PnpPowerCallbacks;
import io.github.irq4j.Registers;
import io.github.irq4j.Resource;
import io.github.irq4j.WdfObject;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A small UART driver for the deterministic tests, in the shape of the
 * {@code WdfInterruptTryToAcquireLock} page's example: a passive-level
 * interrupt whose ISR moves bytes from the device FIFO into a ring shared with the read path, a
 * work item that delivers what the ring holds, and a read entry point ({@link #onRead}, an
 * application's read arriving) that tries the interrupt lock and falls back to the work item.
 *
 * <p>The ring's {@code count} is shared by the ISR (which adds) and the read path (which takes).
 * {@link #drain} reads it into a local, re-arms the receive interrupt through a register, and
 * writes the local back: correct under the interrupt lock, a lost update without it.
 */
abstract class UartRingDriver implements Driver, PnpPowerCallbacks {

    static final int RING = 256;

    // Shared with the ISR: guarded by the interrupt lock.
    private final byte[] ring = new byte[RING];
    private int head;
    private int tail;
    private int count;

    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    Interrupt interrupt;
    Registers regs;
    int isrCalls;

    @Override
    public void onDeviceAdd(Device device) {
        device.setPnpPowerCallbacks(this);
        interrupt = device.createInterrupt(InterruptConfig.builder(this::onIsr)
                .name(device.name() + ".irq")
                .passiveHandling(true)
                .workItem(this::onWorkItem)
                .onEnable((i, d) -> regs.write32(SimUart.INT_MASK, 0))
                .onDisable((i, d) -> regs.write32(SimUart.INT_MASK, SimUart.INT_ALL))
                .build());
    }

    @Override
    public void onPrepareHardware(Device device, List<Resource> resources) {
        for (Resource r : resources) {
            if (r instanceof MemoryResource m) {
                regs = m.registers();
            }
        }
    }

    /** The ISR: runs holding the interrupt lock. */
    boolean onIsr(Interrupt i, int messageId) {
        isrCalls++;
        int causes = regs.read32(SimUart.INT_STATUS);
        if (causes == 0) {
            return false;
        }
        for (int n = regs.read32(SimUart.RX_COUNT); n > 0; n--) {
            ring[head] = (byte) regs.read32(SimUart.DATA);
            head = (head + 1) % RING;
            count++;
        }
        regs.write32(SimUart.INT_ACK, causes);
        i.queueWorkItemForIsr();
        return true;
    }

    /** The work item: a non-arbitrary thread, so it may block on the lock, as in that example. */
    void onWorkItem(Interrupt i, WdfObject associated) {
        i.acquireLock();
        try {
            drain(Integer.MAX_VALUE);
        } finally {
            i.releaseLock();
        }
    }

    /** An application's read of up to {@code max} bytes arriving, as EvtIoRead would see it. */
    abstract void onRead(int max);

    /** Moves up to {@code max} bytes from the ring to the delivered stream. Needs the interrupt lock. */
    final void drain(int max) {
        int available = count;
        int n = Math.min(available, max);
        for (int k = 0; k < n; k++) {
            deliver(ring[tail]);
            tail = (tail + 1) % RING;
        }
        regs.write32(SimUart.INT_MASK, 0); // re-arm the receive interrupt (flow control)
        count = available - n;
    }

    private synchronized void deliver(byte b) {
        delivered.write(b);
    }

    /** The bytes delivered so far, in order. */
    synchronized byte[] delivered() {
        return delivered.toByteArray();
    }
}

package com.example.sensor;

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
 * The sensor's driver: the ISR moves samples from the FIFO into a ring, the DPC and the
 * application's reads take them out. The ISR masks DATA_READY when the ring is full; a reader
 * that made room unmasks it.
 */
public class SensorDriver implements Driver, PnpPowerCallbacks {

    static final int RING = 64;

    // Shared with the ISR: guarded by the interrupt lock.
    private final byte[] ring = new byte[RING];
    private int head;
    private int tail;
    private int count;

    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    protected Interrupt interrupt;
    private Registers regs;

    @Override
    public void onDeviceAdd(Device device) {
        device.setPnpPowerCallbacks(this);
        interrupt = device.createInterrupt(InterruptConfig.builder(this::onIsr)
                .name(device.name() + ".irq")
                .dpc(this::onDpc)
                .onEnable((i, d) -> regs.write32(SensorModel.INT_MASK, 0))
                .onDisable((i, d) -> regs.write32(SensorModel.INT_MASK, SensorModel.DATA_READY))
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

    boolean onIsr(Interrupt i, int messageId) {
        int causes = regs.read32(SensorModel.INT_STATUS);
        if (causes == 0) {
            return false; // not ours
        }
        for (int n = regs.read32(SensorModel.COUNT); n > 0; n--) {
            if (count == RING) {
                regs.write32(SensorModel.INT_MASK, SensorModel.DATA_READY); // full: stop until a reader makes room
                break;
            }
            ring[head] = (byte) regs.read32(SensorModel.DATA);
            head = (head + 1) % RING;
            count++;
        }
        regs.write32(SensorModel.INT_ACK, causes);
        i.queueDpcForIsr();
        return true;
    }

    void onDpc(Interrupt i, WdfObject associated) {
        i.acquireLock();
        try {
            take(Integer.MAX_VALUE);
        } finally {
            i.releaseLock();
        }
    }

    /** The application reads up to {@code max} samples. */
    public void read(int max) {
        take(max);
    }

    /** Moves up to {@code max} samples from the ring to the delivered stream. */
    protected final void take(int max) {
        int available = count;
        int n = Math.min(available, max);
        for (int k = 0; k < n; k++) {
            deliver(ring[tail]);
            tail = (tail + 1) % RING;
        }
        if (n > 0) {
            regs.write32(SensorModel.INT_MASK, 0); // room again: unmask DATA_READY
        }
        count = available - n;
    }

    private synchronized void deliver(byte b) {
        delivered.write(b);
    }

    /** The samples delivered so far, in order. */
    public synchronized byte[] delivered() {
        return delivered.toByteArray();
    }
}

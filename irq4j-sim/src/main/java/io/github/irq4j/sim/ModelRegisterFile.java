package io.github.irq4j.sim;

import io.github.irq4j.sim.RegisterMap.Register;

/**
 * What a {@link SimDevice}'s register window reads and writes: decodes the access with the
 * {@link RegisterMap}, runs it under the model's lock (a plain register's action, or the
 * {@link InterruptBlock}'s status, mask and acknowledge registers), recomputes the line after a
 * write, and sends the line's change after the lock is released. Allocates nothing.
 */
final class ModelRegisterFile implements RegisterFile {

    private final SimDevice device;
    private final RegisterMap map;
    private final InterruptBlock block;
    private final DeviceFaults faults;

    ModelRegisterFile(SimDevice device, RegisterMap map, InterruptBlock block, DeviceFaults faults) {
        this.device = device;
        this.map = map;
        this.block = block;
        this.faults = faults;
    }

    @Override
    public long read(long offset, int width) {
        Register r = map.decode(offset, width);
        faults.beforeRead((int) offset);
        long v;
        synchronized (device.lock()) {
            v = readRegister(r);
        }
        device.flush();   // a status read may end a spurious level
        return v;
    }

    @Override
    public void write(long offset, int width, long value) {
        Register r = map.decode(offset, width);
        synchronized (device.lock()) {
            writeRegister(r, value);
        }
        device.flush();
    }

    private long readRegister(Register r) {
        return switch (r.kind()) {
            case PLAIN -> r.read() == null ? 0 : r.read().getAsLong();
            case STATUS -> {
                int s = block.status;
                faults.statusRead();
                yield s & 0xFFFF_FFFFL;
            }
            case MASK -> block.mask & 0xFFFF_FFFFL;
            case ACK -> 0;
        };
    }

    private void writeRegister(Register r, long value) {
        switch (r.kind()) {
            case PLAIN -> {
                if (r.write() != null) {
                    r.write().accept(value);
                }
            }
            case MASK -> block.writeMask(value);
            case ACK -> {
                block.acknowledge((int) value);
                faults.acknowledged();
            }
            case STATUS -> {
                // read-only: ignored, as hardware does
            }
        }
        device.updateLine();
    }
}

package io.github.irq4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Registers over a byte array, for tests. */
final class ArrayRegisters implements Registers {
    private final String name;
    private final ByteBuffer bytes;

    ArrayRegisters(String name, int size) {
        this.name = name;
        this.bytes = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override public String name() { return name; }
    @Override public long size() { return bytes.capacity(); }
    @Override public int read8(long o) { return bytes.get((int) o) & 0xff; }
    @Override public int read16(long o) { return bytes.getShort((int) o) & 0xffff; }
    @Override public int read32(long o) { return bytes.getInt((int) o); }
    @Override public long read64(long o) { return bytes.getLong((int) o); }
    @Override public void write8(long o, int v) { bytes.put((int) o, (byte) v); }
    @Override public void write16(long o, int v) { bytes.putShort((int) o, (short) v); }
    @Override public void write32(long o, int v) { bytes.putInt((int) o, v); }
    @Override public void write64(long o, long v) { bytes.putLong((int) o, v); }
}

package io.github.irq4j.sim;

import io.github.irq4j.Registers;
import java.util.Objects;

/**
 * A UART-like receiver: bytes arrive from outside ({@link #feed}, a {@link UartTraffic} generator)
 * into a receive FIFO; the driver reads them through its registers; the device asserts a
 * level-triggered line while an unmasked interrupt status bit is set.
 *
 * <h2>Register map</h2>
 * All registers are 32 bits wide; other access sizes are rejected. The window is
 * {@link #REGISTER_WINDOW} bytes.
 * <table>
 * <caption>UART registers</caption>
 * <tr><th>offset</th><th>name</th><th>access</th><th>meaning</th></tr>
 * <tr><td>0x00</td><td>{@link #DATA}</td><td>R/W</td><td>read: pops the oldest FIFO byte (0 if
 *     the FIFO is empty, counted in {@link #emptyReads()}); write: transmits the low byte
 *     (counted in {@link #transmitted()})</td></tr>
 * <tr><td>0x04</td><td>{@link #STATUS}</td><td>R</td><td>bit 0 {@link #STATUS_RX_READY}: the FIFO
 *     holds data; bit 1 {@link #STATUS_OVERRUN}: a byte was dropped since the overrun was last
 *     acknowledged</td></tr>
 * <tr><td>0x08</td><td>{@link #INT_STATUS}</td><td>R</td><td>latched interrupt causes, unmasked
 *     view: bit 0 {@link #INT_RX} data arrived, bit 1 {@link #INT_OVERRUN} a byte was
 *     dropped</td></tr>
 * <tr><td>0x0C</td><td>{@link #INT_ACK}</td><td>W</td><td>write 1s to clear {@code INT_STATUS}
 *     bits (reads 0). Acknowledging {@code INT_OVERRUN} also clears {@code STATUS_OVERRUN}.
 *     {@code INT_RX} is set again at once if the FIFO still holds data ("data available" is a
 *     level condition, as on a 16550)</td></tr>
 * <tr><td>0x10</td><td>{@link #INT_MASK}</td><td>R/W</td><td>a set bit masks that cause; reset
 *     value 0 (every cause enabled)</td></tr>
 * <tr><td>0x14</td><td>{@link #RX_COUNT}</td><td>R</td><td>bytes in the FIFO</td></tr>
 * <tr><td>0x18</td><td>{@link #FIFO_SIZE}</td><td>R</td><td>the FIFO's capacity</td></tr>
 * </table>
 * Writes to read-only registers are ignored, as hardware does.
 *
 * <h2>Interrupt</h2>
 * The line is asserted exactly while {@code INT_STATUS & ~INT_MASK} is non-zero: an ISR quiets the
 * device by draining the FIFO and writing the causes it saw to {@code INT_ACK}. A typical ISR:
 * <pre>{@code
 * int causes = regs.read32(SimUart.INT_STATUS);
 * if (causes == 0) return false;                       // not ours (shared line)
 * for (int n = regs.read32(SimUart.RX_COUNT); n > 0; n--) ring.put((byte) regs.read32(SimUart.DATA));
 * regs.write32(SimUart.INT_ACK, causes);
 * return true;
 * }</pre>
 *
 * <p>Thread-safe: the FIFO and registers are guarded by the model's lock, which is held while the
 * model drives its {@link LevelOutput}. Feeding and register accesses allocate nothing.
 */
public final class SimUart {

    /** Offset of the data register. */
    public static final int DATA = 0x00;
    /** Offset of the status register. */
    public static final int STATUS = 0x04;
    /** Offset of the interrupt status register. */
    public static final int INT_STATUS = 0x08;
    /** Offset of the interrupt acknowledge register (write 1s to clear). */
    public static final int INT_ACK = 0x0C;
    /** Offset of the interrupt mask register (a set bit masks the cause). */
    public static final int INT_MASK = 0x10;
    /** Offset of the receive count register. */
    public static final int RX_COUNT = 0x14;
    /** Offset of the FIFO size register. */
    public static final int FIFO_SIZE = 0x18;
    /** Size of the register window in bytes. */
    public static final long REGISTER_WINDOW = 0x1C;

    /** {@code STATUS} bit 0: the receive FIFO holds data. */
    public static final int STATUS_RX_READY = 1;
    /** {@code STATUS} bit 1: a byte was dropped because the FIFO was full. */
    public static final int STATUS_OVERRUN = 2;
    /** Interrupt cause bit 0: data arrived. */
    public static final int INT_RX = 1;
    /** Interrupt cause bit 1: receive overrun. */
    public static final int INT_OVERRUN = 2;
    /** Every interrupt cause. */
    public static final int INT_ALL = INT_RX | INT_OVERRUN;

    /** The default FIFO capacity, as a 16550's. */
    public static final int DEFAULT_FIFO_SIZE = 16;
    /** The largest FIFO capacity. */
    public static final int MAX_FIFO_SIZE = 1 << 16;

    private final String name;
    private final Simulation simulation;
    private final LevelOutput irq;
    private final SimDevice device;

    // Guarded by device.lock().
    private final ByteFifo fifo;
    private boolean overrun;
    private long transmitted;

    /**
     * @param name the device name, such as {@code "uart0"}; the registers are {@code name + ".regs"}
     * @param simulation the simulation whose preemption hook the registers call
     * @param irq the device's output on a level line
     * @param fifoSize the FIFO capacity, 1 to {@link #MAX_FIFO_SIZE}
     * @throws IllegalArgumentException if {@code fifoSize} is out of range
     */
    public SimUart(String name, Simulation simulation, LevelOutput irq, int fifoSize) {
        this.name = Objects.requireNonNull(name, "name");
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.irq = Objects.requireNonNull(irq, "irq");
        if (fifoSize < 1 || fifoSize > MAX_FIFO_SIZE) {
            throw new IllegalArgumentException(name + ": fifo size " + fifoSize + " (expected: 1 <= fifo <= " + MAX_FIFO_SIZE + ")");
        }
        this.fifo = new ByteFifo(fifoSize);
        // The whole model: seven 32-bit registers and an interrupt block on a level line.
        this.device = SimDevice.builder(name, simulation)
                .levelLine(irq)
                .causes(INT_ALL)
                .readWrite("DATA", DATA, 4, () -> Math.max(fifo.pop(), 0), v -> transmitted++)
                .readOnly("STATUS", STATUS, 4, () -> (fifo.isEmpty() ? 0 : STATUS_RX_READY) | (overrun ? STATUS_OVERRUN : 0))
                .interruptStatus("INT_STATUS", INT_STATUS, 4)
                .interruptAck("INT_ACK", INT_ACK, 4)
                .interruptMask("INT_MASK", INT_MASK, 4)
                .readOnly("RX_COUNT", RX_COUNT, 4, fifo::count)
                .constant("FIFO_SIZE", FIFO_SIZE, 4, fifoSize)
                .onAck(acked -> {
                    if ((acked & INT_OVERRUN) != 0) {
                        overrun = false;
                    }
                })
                .relatchOnAck(INT_RX, () -> !fifo.isEmpty()) // "data available" is a level condition
                .build();
    }

    /** The device name. */
    public String name() {
        return name;
    }

    /** The register window a driver maps. */
    public Registers registers() {
        return device.registers();
    }

    /** The model the UART is built on: its interrupt state and {@link SimDevice#faults() fault injector}. */
    public SimDevice device() {
        return device;
    }

    /** The fault injector: spurious interrupts, a stuck line, slow register reads. */
    public DeviceFaults faults() {
        return device.faults();
    }

    /** The simulation the UART belongs to. */
    public Simulation simulation() {
        return simulation;
    }

    /** The UART's interrupt output. */
    public LevelOutput irq() {
        return irq;
    }

    /** Receives one byte from the line: into the FIFO, or dropped (overrun) if it is full. Any thread. */
    public void feed(byte b) {
        synchronized (device.lock()) {
            receive(b);
        }
        device.flush();   // the line changes reach the controller after the lock is released
    }

    /** Receives {@code bytes} in order. Any thread. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** Receives {@code length} bytes of {@code bytes} from {@code offset}, in order. Any thread. */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        synchronized (device.lock()) {
            for (int i = 0; i < length; i++) {
                receive(bytes[offset + i]);
            }
        }
        device.flush();
    }

    /**
     * Schedules {@code bytes} to arrive at virtual time {@code dueNanos}, as one burst. For
     * scenarios of the {@link DeterministicScheduler}.
     */
    public void feedAt(long dueNanos, byte[] bytes) {
        byte[] copy = bytes.clone();
        simulation.clock().schedule(new SimEvent(name + ".rx[" + copy.length + "]") {
            @Override
            protected void fire(long nowNanos) {
                feed(copy);
            }
        }, dueNanos);
    }

    /** Under the lock: a byte arrives (or is dropped), and its cause is latched. */
    private void receive(byte b) {
        if (fifo.push(b)) {
            device.latchLocked(INT_RX);
        } else {
            overrun = true;
            device.latchLocked(INT_OVERRUN);
        }
    }

    /** Bytes accepted into the FIFO. */
    public long received() {
        synchronized (device.lock()) {
            return fifo.accepted();
        }
    }

    /** Bytes dropped because the FIFO was full (overruns). */
    public long dropped() {
        synchronized (device.lock()) {
            return fifo.dropped();
        }
    }

    /** Bytes the driver popped through {@code DATA}. */
    public long read() {
        synchronized (device.lock()) {
            return fifo.popped();
        }
    }

    /** Reads of {@code DATA} while the FIFO was empty. */
    public long emptyReads() {
        synchronized (device.lock()) {
            return fifo.emptyPops();
        }
    }

    /** Bytes the driver wrote to {@code DATA}. */
    public long transmitted() {
        synchronized (device.lock()) {
            return transmitted;
        }
    }

    /** Bytes in the FIFO now. */
    public int fifoCount() {
        synchronized (device.lock()) {
            return fifo.count();
        }
    }

    @Override
    public String toString() {
        synchronized (device.lock()) {
            return "SimUart{name=" + name + ", fifo=" + fifo.count() + "/" + fifo.capacity() + ", received=" + fifo.accepted()
                    + ", dropped=" + fifo.dropped() + ", read=" + fifo.popped() + ", intStatus=" + device.interruptStatus()
                    + ", intMask=" + device.interruptMask() + "}";
        }
    }
}

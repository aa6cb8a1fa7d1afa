package io.github.irq4j.sim;

import io.github.irq4j.Registers;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A model of QEMU's educational PCI device {@code edu} (1234:11e8, QEMU's {@code docs/specs/edu.rst}),
 * cheap enough for unit tests and the deterministic {@link Explorer}: BAR 0 with the identification,
 * liveness, factorial, status, interrupt and DMA registers, on a level line (INTx: asserted while
 * the interrupt status is not 0) or an MSI vector (one message per raise).
 *
 * <h2>Register map (BAR 0, {@link #BAR0_SIZE} bytes)</h2>
 * Below {@code 0x80} only 32-bit accesses; the DMA registers from {@code 0x80} take 32 or 64 bits.
 * <table>
 * <caption>edu registers</caption>
 * <tr><th>offset</th><th>access</th><th>meaning</th></tr>
 * <tr><td>0x00</td><td>R</td><td>identification {@link #IDENTIFICATION_VALUE} ({@code 0xRRrr00ed})</td></tr>
 * <tr><td>0x04</td><td>R/W</td><td>liveness: reads the inversion of the last value written</td></tr>
 * <tr><td>0x08</td><td>R/W</td><td>factorial: a write (while none runs) starts n! (mod 2^32), done
 *     {@link #FACTORIAL_NS} of virtual time later; reads the value</td></tr>
 * <tr><td>0x20</td><td>R/W</td><td>status: bit 0 computing (read-only), bit 7 raise
 *     interrupt {@code 0x001} when a factorial is done</td></tr>
 * <tr><td>0x24</td><td>R</td><td>interrupt status</td></tr>
 * <tr><td>0x60</td><td>W</td><td>interrupt raise: ORs the value into the status and raises</td></tr>
 * <tr><td>0x64</td><td>W</td><td>interrupt acknowledge: clears the value's bits</td></tr>
 * <tr><td>0x80, 0x88, 0x90</td><td>R/W</td><td>DMA source, destination, count</td></tr>
 * <tr><td>0x98</td><td>R/W</td><td>DMA command: bit 0 start (reads 1 until done, {@link #DMA_NS}
 *     later), bit 1 device to RAM, bit 2 raise {@code 0x100} when done</td></tr>
 * </table>
 * DMA moves bytes between the device's 4 KiB buffer at device address {@code 0x40000} and the host
 * memory window given to the constructor (at its bus address); a transfer outside either is not
 * performed and counted in {@link #dmaErrors()} (QEMU stops the machine instead).
 *
 * <p>Built on the device-model builder ({@link SimDevice#builder}): its register map, its
 * interrupt status and acknowledge registers, and its line are a {@link SimDevice}'s, so the
 * {@link #faults()} of every model apply. Thread-safe; register accesses allocate nothing.
 */
public final class SimEdu {

    /** The value of the identification register: version 1.0. */
    public static final int IDENTIFICATION_VALUE = 0x010000ed;
    /** The size of BAR 0: 1 MiB. */
    public static final long BAR0_SIZE = 1 << 20;
    /** Virtual time a factorial takes. */
    public static final long FACTORIAL_NS = 2_000;
    /** Virtual time a DMA transfer takes. */
    public static final long DMA_NS = 10_000;
    /** The device address and size of the device's DMA buffer. */
    public static final long DEVICE_BUFFER = 0x40000;
    public static final int DEVICE_BUFFER_SIZE = 4096;

    static final int ID = 0x00;
    static final int LIVENESS = 0x04;
    static final int FACTORIAL = 0x08;
    static final int STATUS = 0x20;
    static final int INT_STATUS = 0x24;
    static final int INT_RAISE = 0x60;
    static final int INT_ACK = 0x64;
    static final int DMA_SRC = 0x80;
    static final int DMA_DST = 0x88;
    static final int DMA_CNT = 0x90;
    static final int DMA_CMD = 0x98;
    static final int STATUS_COMPUTING = 0x01;
    static final int STATUS_RAISE = 0x80;
    static final int FACT_IRQ = 0x001;
    static final int DMA_IRQ = 0x100;
    static final int CMD_START = 0x1;
    static final int CMD_TO_RAM = 0x2;
    static final int CMD_IRQ = 0x4;

    private static final String MAP = "0x00 ID, 0x04 LIVENESS, 0x08 FACTORIAL, 0x20 STATUS, 0x24 INT_STATUS, 0x60 INT_RAISE,"
            + " 0x64 INT_ACK (32-bit); 0x80 DMA_SRC, 0x88 DMA_DST, 0x90 DMA_CNT, 0x98 DMA_CMD (32 or 64-bit)";

    private final String name;
    private final Simulation simulation;
    private final boolean msi;
    private final MemorySegment hostMemory;
    private final long hostAddress;
    private final SimDevice device;
    private final SimEvent factorialDone;
    private final SimEvent dmaDone;

    // Guarded by device.lock(); the interrupt status is the device's.
    private final byte[] buffer = new byte[DEVICE_BUFFER_SIZE];
    private int liveness;
    private int factorial;
    private int status;
    private long dmaSrc;
    private long dmaDst;
    private long dmaCnt;
    private long dmaCmd;
    private long raises;
    private long dmaErrors;

    /**
     * @param name the device name; the registers are {@code name + ".bar0"}
     * @param controller the controller of the device's line
     * @param message a {@link LineMode#LEVEL} line (INTx) or an {@link LineMode#MSI} vector of {@code controller}
     * @param hostMemory host memory the device reaches by DMA, or {@code null} for none
     * @param hostAddress the bus address of {@code hostMemory}'s first byte
     * @throws IllegalArgumentException if the line is an {@link LineMode#EDGE} line
     */
    public SimEdu(String name, Simulation simulation, SimInterruptController controller, int message,
                  MemorySegment hostMemory, long hostAddress) {
        this.name = Objects.requireNonNull(name, "name");
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(controller, "controller");
        LineMode mode = controller.mode(message);
        if (mode == LineMode.EDGE) {
            throw new IllegalArgumentException(name + ": line " + message + " of '" + controller.name()
                    + "' is an EDGE line (expected: a LEVEL line for INTx or an MSI vector)");
        }
        this.msi = mode == LineMode.MSI;
        this.hostMemory = hostMemory;
        this.hostAddress = hostAddress;
        SimDevice.Builder b = SimDevice.builder(name, simulation)
                .windowName(name + ".bar0")
                .window(BAR0_SIZE)
                .registerMapText(MAP)
                .constant("ID", ID, 4, IDENTIFICATION_VALUE)
                .readWrite("LIVENESS", LIVENESS, 4, () -> ~liveness & 0xFFFF_FFFFL, v -> liveness = (int) v)
                .readWrite("FACTORIAL", FACTORIAL, 4, () -> factorial & 0xFFFF_FFFFL, this::startFactorial)
                .readWrite("STATUS", STATUS, 4, () -> status & 0xFFFF_FFFFL,
                        v -> status = (status & STATUS_COMPUTING) | ((int) v & STATUS_RAISE))
                .interruptStatus("INT_STATUS", INT_STATUS, 4)
                .writeOnly("INT_RAISE", INT_RAISE, 4, v -> raiseLocked((int) v))
                .interruptAck("INT_ACK", INT_ACK, 4)
                .readWrite("DMA_SRC", DMA_SRC, 8, () -> dmaSrc, v -> dmaSrc = v)
                .readWrite("DMA_DST", DMA_DST, 8, () -> dmaDst, v -> dmaDst = v)
                .readWrite("DMA_CNT", DMA_CNT, 8, () -> dmaCnt, v -> dmaCnt = v)
                .readWrite("DMA_CMD", DMA_CMD, 8, () -> dmaCmd, this::startDma);
        for (String dmaRegister : new String[] {"DMA_SRC", "DMA_DST", "DMA_CNT", "DMA_CMD"}) {
            b.narrowAccess(dmaRegister, 4);
        }
        this.device = (msi ? b.edgeLine(controller, message) : b.levelLine(controller.levelOutput(message))).build();
        this.factorialDone = new SimEvent(name + ".factorial") {
            @Override
            protected void fire(long nowNanos) {
                finishFactorial();
            }
        };
        this.dmaDone = new SimEvent(name + ".dma") {
            @Override
            protected void fire(long nowNanos) {
                finishDma();
            }
        };
    }

    /** The device name. */
    public String name() {
        return name;
    }

    /** BAR 0. */
    public Registers registers() {
        return device.registers();
    }

    /** The fault injector of this model (spurious interrupts, lost MSI messages, a stuck INTx line, slow reads). */
    public DeviceFaults faults() {
        return device.faults();
    }

    /** Interrupts raised so far (factorial, DMA and raise-register writes; for MSI one message each). */
    public long raises() {
        synchronized (device.lock()) {
            return raises;
        }
    }

    /** DMA transfers refused because they fell outside the device buffer or the host window. */
    public long dmaErrors() {
        synchronized (device.lock()) {
            return dmaErrors;
        }
    }

    /**
     * Raises {@code bits} (lock held): the status latches them and INTx follows it; an MSI vector
     * gets one message per raise, even of no bit (the device's own rule, kept from before it was
     * built on {@code SimDevice}, whose {@code raise} sends an edge only for a bit it latches).
     * The caller flushes the line after the lock.
     */
    private void raiseLocked(int bits) {
        raises++;
        device.raiseLocked(bits);
        if (msi && bits == 0) {
            device.edge();
        }
    }

    private void startFactorial(long value) {
        if ((status & STATUS_COMPUTING) == 0) {
            factorial = (int) value;
            status |= STATUS_COMPUTING;
            simulation.clock().schedule(factorialDone, simulation.clock().nanoTime() + FACTORIAL_NS);
        }
    }

    private void startDma(long value) {
        if ((dmaCmd & CMD_START) == 0 && (value & CMD_START) != 0) {
            dmaCmd = value & (CMD_START | CMD_TO_RAM | CMD_IRQ);
            simulation.clock().schedule(dmaDone, simulation.clock().nanoTime() + DMA_NS);
        }
    }

    private void finishFactorial() {
        synchronized (device.lock()) {
            int n = factorial;
            int f = 1;
            for (int k = 2; k <= n; k++) {
                f *= k;
            }
            factorial = f;
            status &= ~STATUS_COMPUTING;
            if ((status & STATUS_RAISE) != 0) {
                raiseLocked(FACT_IRQ);
            }
        }
        device.flush();
    }

    private void finishDma() {
        synchronized (device.lock()) {
            boolean toRam = (dmaCmd & CMD_TO_RAM) != 0;
            long deviceAddr = toRam ? dmaSrc : dmaDst;
            long hostAddr = toRam ? dmaDst : dmaSrc;
            long off = deviceAddr - DEVICE_BUFFER;
            long hostOff = hostAddr - hostAddress;
            if (hostMemory == null || dmaCnt <= 0 || off < 0 || off + dmaCnt > DEVICE_BUFFER_SIZE
                    || hostOff < 0 || hostOff + dmaCnt > hostMemory.byteSize()) {
                dmaErrors++;
            } else if (toRam) {
                MemorySegment.copy(buffer, (int) off, hostMemory, ValueLayout.JAVA_BYTE, hostOff, (int) dmaCnt);
            } else {
                MemorySegment.copy(hostMemory, ValueLayout.JAVA_BYTE, hostOff, buffer, (int) off, (int) dmaCnt);
            }
            dmaCmd &= ~CMD_START;
            if ((dmaCmd & CMD_IRQ) != 0) {
                raiseLocked(DMA_IRQ);
            }
        }
        device.flush();
    }

    @Override
    public String toString() {
        synchronized (device.lock()) {
            return "SimEdu{name=" + name + ", status=0x" + Integer.toHexString(status) + ", intStatus=0x"
                    + Integer.toHexString(device.interruptStatus()) + ", raises=" + raises + "}";
        }
    }
}

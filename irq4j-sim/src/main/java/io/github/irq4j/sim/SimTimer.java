package io.github.irq4j.sim;

import io.github.irq4j.Registers;
import java.util.Objects;

/**
 * A periodic timer on an edge-triggered line (or MSI vector): while enabled it expires every
 * {@code PERIOD_NS} nanoseconds of virtual time, counts the expiration, latches {@code EXPIRED} and,
 * if its interrupt is enabled, raises one edge. Edges the driver has not serviced yet merge in the
 * controller (the signal's count says how many).
 *
 * <h2>Register map</h2>
 * The window is {@link #REGISTER_WINDOW} bytes; each register has one access size.
 * <table>
 * <caption>timer registers</caption>
 * <tr><th>offset</th><th>name</th><th>size</th><th>access</th><th>meaning</th></tr>
 * <tr><td>0x00</td><td>{@link #CONTROL}</td><td>32</td><td>R/W</td><td>bit 0 {@link #CONTROL_ENABLE}
 *     runs the timer (0 to 1 starts a period from now; 1 to 0 stops it); bit 1
 *     {@link #CONTROL_INT_ENABLE} raises an edge per expiration. Reset value 0.</td></tr>
 * <tr><td>0x04</td><td>{@link #INT_STATUS}</td><td>32</td><td>R</td><td>bit 0 {@link #INT_EXPIRED}:
 *     the timer expired since last acknowledged</td></tr>
 * <tr><td>0x08</td><td>{@link #PERIOD_NS}</td><td>64</td><td>R/W</td><td>the period in nanoseconds,
 *     at least {@link #MIN_PERIOD_NS}; a write while running restarts the period from now</td></tr>
 * <tr><td>0x10</td><td>{@link #COUNT}</td><td>64</td><td>R</td><td>expirations since reset</td></tr>
 * <tr><td>0x18</td><td>{@link #INT_ACK}</td><td>32</td><td>W</td><td>write 1s to clear
 *     {@code INT_STATUS} bits (reads 0)</td></tr>
 * </table>
 * Writes to read-only registers are ignored, as hardware does.
 *
 * <p>Thread-safe; expirations and register accesses allocate nothing.
 */
public final class SimTimer {

    /** Offset of the control register. */
    public static final int CONTROL = 0x00;
    /** Offset of the interrupt status register. */
    public static final int INT_STATUS = 0x04;
    /** Offset of the 64-bit period register, in nanoseconds. */
    public static final int PERIOD_NS = 0x08;
    /** Offset of the 64-bit expiration counter. */
    public static final int COUNT = 0x10;
    /** Offset of the interrupt acknowledge register (write 1s to clear). */
    public static final int INT_ACK = 0x18;
    /** Size of the register window in bytes. */
    public static final long REGISTER_WINDOW = 0x1C;

    /** {@code CONTROL} bit 0: the timer runs. */
    public static final int CONTROL_ENABLE = 1;
    /** {@code CONTROL} bit 1: each expiration raises an edge. */
    public static final int CONTROL_INT_ENABLE = 2;
    /** {@code INT_STATUS} bit 0: expired. */
    public static final int INT_EXPIRED = 1;
    /** The shortest period: 1 microsecond. */
    public static final long MIN_PERIOD_NS = 1_000;

    private final String name;
    private final Simulation simulation;
    private final int message;
    private final SimDevice device;
    private final Expiry expiry;

    // Guarded by device.lock().
    private int control;
    private long periodNs;
    private long count;
    private long edgesRaised;

    /**
     * @param name the device name, such as {@code "timer0"}; the registers are {@code name + ".regs"}
     * @param simulation the simulation whose clock the timer runs on
     * @param controller the controller of the timer's line
     * @param message an {@link LineMode#EDGE} line or {@link LineMode#MSI} vector of {@code controller}
     * @param periodNs the reset value of {@code PERIOD_NS}, at least {@link #MIN_PERIOD_NS}
     * @throws IllegalArgumentException if the line is a level line or the period is too short
     */
    public SimTimer(String name, Simulation simulation, SimInterruptController controller, int message, long periodNs) {
        this.name = Objects.requireNonNull(name, "name");
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(controller, "controller");
        if (controller.mode(message) == LineMode.LEVEL) {
            throw new IllegalArgumentException(name + ": line " + message + " of '" + controller.name()
                    + "' is a LEVEL line (expected: an EDGE line or MSI vector; the timer signals with edges)");
        }
        this.message = message;
        this.periodNs = checkPeriod(periodNs);
        this.expiry = new Expiry(name + ".expiry");
        // The whole model: five registers (two 64-bit) and an edge per expiration.
        this.device = SimDevice.builder(name, simulation)
                .edgeLine(controller, message)
                .causes(INT_EXPIRED)
                .readWrite("CONTROL", CONTROL, 4, () -> control, v -> writeControl((int) v))
                .interruptStatus("INT_STATUS", INT_STATUS, 4)
                .readWrite("PERIOD_NS", PERIOD_NS, 8, () -> this.periodNs, this::writePeriod)
                .readOnly("COUNT", COUNT, 8, () -> count)
                .interruptAck("INT_ACK", INT_ACK, 4)
                .build();
    }

    private long checkPeriod(long ns) {
        if (ns < MIN_PERIOD_NS) {
            throw new IllegalArgumentException(name + ": PERIOD_NS " + ns + " (expected: >= " + MIN_PERIOD_NS + " ns)");
        }
        return ns;
    }

    /** The device name. */
    public String name() {
        return name;
    }

    /** The register window a driver maps. */
    public Registers registers() {
        return device.registers();
    }

    /** The model the timer is built on: its interrupt state and {@link SimDevice#faults() fault injector}. */
    public SimDevice device() {
        return device;
    }

    /** The fault injector: lost edges, spurious edges, slow register reads. */
    public DeviceFaults faults() {
        return device.faults();
    }

    /** The line the timer raises edges on. */
    public int message() {
        return message;
    }

    /** Expirations so far ({@code COUNT}). */
    public long expirations() {
        synchronized (device.lock()) {
            return count;
        }
    }

    /** Edges raised so far (expirations with the interrupt enabled). */
    public long edgesRaised() {
        synchronized (device.lock()) {
            return edgesRaised;
        }
    }

    /** Starts the timer as a driver would: {@code CONTROL = ENABLE | INT_ENABLE}, without a preemption point. */
    public void start() {
        synchronized (device.lock()) {
            writeControl(CONTROL_ENABLE | CONTROL_INT_ENABLE);
        }
    }

    /** Stops the timer: {@code CONTROL = 0}. */
    public void stop() {
        synchronized (device.lock()) {
            writeControl(0);
        }
    }

    private void writeControl(int v) {
        int was = control;
        control = v & (CONTROL_ENABLE | CONTROL_INT_ENABLE);
        boolean running = (control & CONTROL_ENABLE) != 0;
        if (running && (was & CONTROL_ENABLE) == 0) {
            simulation.clock().schedule(expiry, simulation.clock().nanoTime() + periodNs);
        } else if (!running) {
            simulation.clock().cancel(expiry);
        }
    }

    /** Under the lock: a PERIOD_NS write; restarts a running period from now. */
    private void writePeriod(long value) {
        periodNs = checkPeriod(value);
        if ((control & CONTROL_ENABLE) != 0) {
            simulation.clock().schedule(expiry, simulation.clock().nanoTime() + periodNs);
        }
    }

    private void expire(long nowNanos) {
        synchronized (device.lock()) {
            if ((control & CONTROL_ENABLE) == 0) {
                return;
            }
            count++;
            if ((control & CONTROL_INT_ENABLE) != 0) {
                edgesRaised++;
                device.raiseLocked(INT_EXPIRED);
            } else {
                device.latchLocked(INT_EXPIRED);
            }
            simulation.clock().schedule(expiry, nowNanos + periodNs);
        }
        device.flush();   // the edge reaches the controller (and wakes the ISR) after the lock is released
    }

    @Override
    public String toString() {
        synchronized (device.lock()) {
            return "SimTimer{name=" + name + ", control=" + control + ", periodNs=" + periodNs + ", count=" + count + "}";
        }
    }

    private final class Expiry extends SimEvent {
        Expiry(String name) {
            super(name);
        }

        @Override
        protected void fire(long nowNanos) {
            expire(nowNanos);
        }
    }
}

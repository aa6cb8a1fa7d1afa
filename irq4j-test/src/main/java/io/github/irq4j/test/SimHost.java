package io.github.irq4j.test;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Fault;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.MemoryResource;
import io.github.irq4j.Registers;
import io.github.irq4j.Resource;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.Violation;
import io.github.irq4j.sim.DeterministicScheduler;
import io.github.irq4j.sim.LevelOutput;
import io.github.irq4j.sim.LineMode;
import io.github.irq4j.sim.LineStatistics;
import io.github.irq4j.sim.SimDevice;
import io.github.irq4j.sim.SimInterruptController;
import io.github.irq4j.sim.SimTimer;
import io.github.irq4j.sim.SimUart;
import io.github.irq4j.sim.Simulation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One test's simulated machine: a {@link Host} on a seeded {@link DeterministicScheduler}, and the
 * device models plugged into it, each on its own interrupt controller ({@code NAME.pic}, line 0).
 * A {@link DriverTest} hands one to each test and closes it afterwards.
 * <pre>{@code
 * SimUart uart = host.uart("uart0", 64);                 // or a @Uart parameter
 * Device device = host.start(new MyDriver(), uart);      // resources: uart0.irq, uart0.regs
 * uart.feedAt(1_000, bytes);                             // a device event at 1 us
 * host.scriptAt(500, "read#0", () -> driver.read(4));    // a driver action at 0.5 us
 * host.runUntilIdle();                                   // the seed picks the interleaving
 * assertThat(host).hasNoViolations().hasNoFaults();
 * }</pre>
 * A user's own model takes a line with {@link #levelLine} or {@link #edgeLine}, builds a
 * {@link SimDevice} on {@link #simulation()}, and is started with {@link #start(Driver, SimDevice)}.
 *
 * <p>Threading: call it from the test's thread. Runs ({@link #runUntilIdle}, {@link #runUntil},
 * {@link #execute}) happen on the scheduler's framework thread while the test's thread waits.
 */
public final class SimHost implements AutoCloseable {

    private final long seed;
    private final Simulation simulation;
    private final DeterministicScheduler scheduler;
    private final Host host;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    /** How many violations / faults the test's assertions have seen: the end-of-test check reports only later ones. */
    private int assertedViolations;
    private int assertedFaults;
    private boolean closed;

    /**
     * A host on a scheduler with {@code seed}; what {@link DriverTest} does for each test. For use
     * outside JUnit (a benchmark, a main method); close it when done.
     *
     * @param seed the seed that fixes the interleaving
     * @param verifier the runtime verifier's mode
     * @param maxSteps steps a run may take
     * @param timeoutMs wall-clock time a run may take
     */
    public SimHost(long seed, VerifierMode verifier, int maxSteps, long timeoutMs) {
        this.seed = seed;
        this.simulation = new Simulation();
        this.scheduler = new DeterministicScheduler(seed, simulation).maxSteps(maxSteps).timeoutMs(timeoutMs);
        this.host = Host.builder().environment(scheduler).verifierMode(verifier).build();
    }

    /** A host with the {@link DriverTest} defaults. */
    public SimHost(long seed) {
        this(seed, VerifierMode.THROW, DeterministicScheduler.DEFAULT_MAX_STEPS, 30_000);
    }

    /** The seed of this run. */
    public long seed() {
        return seed;
    }

    /** The simulation: its virtual clock and the registers' preemption points. */
    public Simulation simulation() {
        return simulation;
    }

    /** The scheduler that picks the interleaving. */
    public DeterministicScheduler scheduler() {
        return scheduler;
    }

    /** The irq4j host the drivers run on. */
    public Host host() {
        return host;
    }

    // ------------------------------------------------------------------ devices

    /**
     * A level line for device {@code name}: its own controller {@code name.pic}, line 0, given to
     * the driver as {@code name.irq} ({@code LEVEL_SENSITIVE}).
     *
     * @throws IllegalStateException if {@code name} already has a line
     */
    public LevelOutput levelLine(String name) {
        return slot(name, LineMode.LEVEL).controller.levelOutput(0);
    }

    /**
     * An edge line (or with {@code msi}, an MSI vector) for device {@code name}: the controller
     * {@code name.pic}, whose line 0 the device raises ({@code SimDevice.Builder.edgeLine(pic, 0)}).
     *
     * @throws IllegalStateException if {@code name} already has a line
     */
    public SimInterruptController edgeLine(String name, boolean msi) {
        return slot(name, msi ? LineMode.MSI : LineMode.EDGE).controller;
    }

    /** {@link #edgeLine(String, boolean) edgeLine(name, false)}. */
    public SimInterruptController edgeLine(String name) {
        return edgeLine(name, false);
    }

    /**
     * Attaches device {@code name}'s register window (given to the driver as {@code name.regs}).
     *
     * @throws IllegalStateException if {@code name} has no line yet, or already has registers
     */
    public void attach(String name, Registers registers) {
        Slot s = slots.get(name);
        if (s == null) {
            throw new IllegalStateException("device '" + name + "' has no line; call levelLine(\"" + name + "\") or edgeLine(\""
                    + name + "\") first");
        }
        if (s.registers != null) {
            throw new IllegalStateException("device '" + name + "' already has registers " + s.registers.name());
        }
        s.registers = Objects.requireNonNull(registers, "registers");
    }

    /** A UART on a level line; {@code fifoSize} bytes of receive FIFO. */
    public SimUart uart(String name, int fifoSize) {
        SimUart uart = new SimUart(name, simulation, levelLine(name), fifoSize);
        attach(name, uart.registers());
        return uart;
    }

    /** A timer on an edge line ({@code msi}: an MSI vector) with {@code periodNs} as reset period. */
    public SimTimer timer(String name, long periodNs, boolean msi) {
        SimTimer timer = new SimTimer(name, simulation, edgeLine(name, msi), 0, periodNs);
        attach(name, timer.registers());
        return timer;
    }

    /**
     * The resources of device {@code name}: {@code [InterruptResource name.irq, MemoryResource name.regs]}
     * (no memory resource if none was attached).
     *
     * @throws IllegalArgumentException if no device of that name was made
     */
    public List<Resource> resources(String name) {
        Slot s = existing(name);
        InterruptResource irq = s.controller.resource(name + ".irq", 0);
        return s.registers == null ? List.of(irq) : List.of(irq, new MemoryResource(name + ".regs", s.registers));
    }

    /** Adds device {@code name} with {@code driver} (its {@code onDeviceAdd} runs) without starting it. */
    public Device add(String name, Driver driver) {
        return host.addDevice(name, driver, resources(name));
    }

    /** Adds and starts device {@code name} with {@code driver}: prepare hardware, D0 entry, interrupts enabled. */
    public Device start(String name, Driver driver) {
        Device d = add(name, driver);
        host.start(d);
        return d;
    }

    /** Adds and starts the UART's device with {@code driver}. */
    public Device start(Driver driver, SimUart uart) {
        return start(uart.name(), driver);
    }

    /** Adds and starts the timer's device with {@code driver}. */
    public Device start(Driver driver, SimTimer timer) {
        return start(timer.name(), driver);
    }

    /** Adds and starts the model's device with {@code driver}; attaches its registers if not done yet. */
    public Device start(Driver driver, SimDevice model) {
        Slot s = existing(model.name());
        if (s.registers == null) {
            s.registers = model.registers();
        }
        return start(model.name(), driver);
    }

    /** Stops a device: D0 exit, release hardware. */
    public void stop(Device device) {
        host.stop(device);
    }

    /** The controller of device {@code name}'s line. */
    public SimInterruptController controller(String name) {
        return existing(name).controller;
    }

    /** The counters of device {@code name}'s line: edges, signals, claimed, lost, ... */
    public LineStatistics line(String name) {
        return existing(name).controller.statistics(0);
    }

    // ------------------------------------------------------------------ running

    /** Scripts a driver action, ready now; it runs on the framework thread at {@code PASSIVE} when the seed picks it. */
    public void script(String name, Runnable action) {
        scheduler.script(name, action);
    }

    /** Scripts a driver action that becomes ready at virtual time {@code dueNanos}. */
    public void scriptAt(long dueNanos, String name, Runnable action) {
        scheduler.scriptAt(dueNanos, name, action);
    }

    /** Runs until nothing is ready and no event is left; see {@link DeterministicScheduler#runUntilIdle()}. */
    public int runUntilIdle() {
        return scheduler.runUntilIdle();
    }

    /** Runs up to virtual time {@code virtualNanos}; see {@link DeterministicScheduler#runUntil(long)}. */
    public int runUntil(long virtualNanos) {
        return scheduler.runUntil(virtualNanos);
    }

    /** Runs {@code action} on the framework thread (register accesses in it are preemption points). */
    public void execute(Runnable action) {
        scheduler.execute(action);
    }

    /** Runs {@code callable} on the framework thread and returns its result. */
    public <T> T call(Callable<T> callable) {
        return scheduler.call(callable);
    }

    /** The schedule so far: every choice the seed made, in order. */
    public List<String> trace() {
        settle();
        return scheduler.trace();
    }

    /**
     * The schedule so far, with the preemptions picked out. Waits first for the framework thread to
     * finish what the test's thread handed it (a {@code host.stop} closes its dispatch loop there),
     * so that the same run always shows the same schedule.
     */
    public Interleaving interleaving() {
        settle();
        return new Interleaving(seed, scheduler.trace(), isrNames());
    }

    /** Dispatch loop name ({@code irq4j-isr-NAME.pic}) to the names of the interrupts of the devices on it. */
    private Map<String, String> isrNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (Device d : host.devices()) {
            Slot s = slots.get(d.name());
            if (s == null) {
                continue;
            }
            List<String> irqs = new java.util.ArrayList<>();
            for (io.github.irq4j.Interrupt i : d.interrupts()) {
                irqs.add(i.name());
            }
            if (!irqs.isEmpty()) {
                names.put("irq4j-isr-" + s.controller.name(), String.join(", ", irqs));
            }
        }
        return names;
    }

    /** Lets the framework thread run the commands queued before this call (they run in order). */
    private void settle() {
        if (closed || Thread.currentThread() == scheduler.frameworkThread()) {
            return;
        }
        try {
            scheduler.execute(() -> { });
        } catch (RuntimeException hungOrClosed) {
            // The run already failed with the framework thread's state; the trace is what it is.
        }
    }

    /** The verifier's violations so far. */
    public List<Violation> violations() {
        return host.violations();
    }

    /** The faults the host contained so far. */
    public List<Fault> faults() {
        return host.faults();
    }

    void violationsAsserted(int seen) {
        assertedViolations = Math.max(assertedViolations, seen);
    }

    void faultsAsserted(int seen) {
        assertedFaults = Math.max(assertedFaults, seen);
    }

    int assertedViolations() {
        return assertedViolations;
    }

    int assertedFaults() {
        return assertedFaults;
    }

    /** Closes the host (stopping its devices) and the scheduler. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            host.close();
        } finally {
            scheduler.close();
        }
    }

    private Slot slot(String name, LineMode mode) {
        Objects.requireNonNull(name, "name");
        if (slots.containsKey(name)) {
            throw new IllegalStateException("device '" + name + "' already has a line (" + slots.get(name).controller
                    + "); give each device its own name");
        }
        Slot s = new Slot(new SimInterruptController(name + ".pic", mode));
        slots.put(name, s);
        return s;
    }

    private Slot existing(String name) {
        Slot s = slots.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no device '" + name + "' on this host (devices: " + slots.keySet()
                    + "); make it first with uart, timer, levelLine or edgeLine");
        }
        return s;
    }

    @Override
    public String toString() {
        return "SimHost{seed=" + seed + ", devices=" + slots.keySet() + "}";
    }

    private static final class Slot {
        final SimInterruptController controller;
        Registers registers;

        Slot(SimInterruptController controller) {
            this.controller = controller;
        }
    }
}

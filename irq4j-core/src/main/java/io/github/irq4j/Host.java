package io.github.irq4j;

import io.github.irq4j.spi.ExecutionEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runs drivers: adds their devices, runs the power sequences, dispatches interrupts, runs DPCs
 * and work items, and contains faults. Like the framework plus the PnP manager of one machine.
 * <pre>{@code
 * try (Host host = Host.builder().build()) {
 *     Device device = host.addDevice("uart0", new UartDriver(), resources);
 *     host.start(device);
 *     ...
 *     host.stop(device);
 * }
 * }</pre>
 */
public sealed interface Host extends AutoCloseable permits io.github.irq4j.internal.HostImpl {

    /** A builder with the defaults: verifier {@code THROW}, callback sites (not stack sites), {@link RestartPolicy#DEFAULT}. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Adds a device and calls the driver's {@link Driver#onDeviceAdd}. {@code PASSIVE} only.
     *
     * @throws DriverCallbackException if {@code onDeviceAdd} threw; the device is removed
     * @throws IllegalArgumentException if the name is taken or a resource is null
     */
    Device addDevice(String name, Driver driver, List<? extends Resource> resources);

    /**
     * Starts a device: {@code onPrepareHardware}, then the power-up sequence of SPEC 2.7. Blocks
     * until it is done. {@code PASSIVE} only.
     *
     * @throws DriverCallbackException if a step failed; what was brought up is powered down again
     *         and the device is {@link DeviceState#FAILED}
     */
    void start(Device device);

    /**
     * Stops a device: the power-down sequence of SPEC 2.7, then {@code onReleaseHardware}. Errors do
     * not stop it; they are reported as faults. Blocks until done, but each wait for another thread
     * (pending signals, the interrupt lock, DPCs and work items, the dispatch thread) shares the
     * {@linkplain Builder#stopTimeout stop timeout}: what is still running past it is reported as a
     * {@link Fault.Kind#STOP_TIMEOUT} fault with its thread's stack and abandoned, and an interrupt
     * lock whose holder thread died is reported and released (SPEC 4.2). {@code PASSIVE} only.
     *
     * <p>Every signal its interrupts' sources had when {@code stop} was called runs its ISRs before
     * they are disabled (like Linux's {@code synchronize_irq}, one step further: what is pending is
     * delivered, not only what is running), and the DPCs and work items those ISRs queued have run
     * when {@code stop} returns. When it returns, no dispatch thread uses the device's sources any
     * more, so their owner may close them.
     */
    void stop(Device device);

    /** Stops the device if started and deletes it with everything it owns. */
    void remove(Device device);

    /** The devices, in the order they were added. */
    List<Device> devices();

    /**
     * The most recent violations the verifier reported, oldest first: at most
     * {@linkplain Builder#retainedFindings the retained number}; {@link #violationCounts()} counts
     * them all. Any thread, any level; does not block beyond a brief monitor.
     */
    List<Violation> violations();

    /**
     * The most recent faults contained, oldest first: at most
     * {@linkplain Builder#retainedFindings the retained number}; {@link #faultCounts()} counts them
     * all. Any thread, any level; does not block beyond a brief monitor.
     */
    List<Fault> faults();

    /**
     * The exact number of every group of identical faults so far (kind, device, place, message), in
     * the order each was first seen (SPEC 4.3). No WDF counterpart. Any thread; does not block
     * beyond a brief monitor.
     */
    List<FindingCount> faultCounts();

    /**
     * The exact number of every group of identical violations so far (rule, interrupt, acquire site,
     * message), in the order each was first seen (SPEC 4.3); like the verifier's counters of
     * {@code !wdfverifier}. Any thread; does not block beyond a brief monitor.
     */
    List<FindingCount> violationCounts();

    /** The verifier mode. */
    VerifierMode verifierMode();

    /**
     * Stops and removes every device and ends the framework threads, within the
     * {@linkplain Builder#stopTimeout stop timeout} for each wait as {@link #stop} does; threads still
     * running past it are reported and abandoned (they are daemon threads). {@code PASSIVE} only.
     */
    @Override
    void close();

    /** Builds a {@link Host}. */
    final class Builder {
        private VerifierMode verifierMode = VerifierMode.THROW;
        private boolean captureAcquireSites;
        private VerifierListener verifierListener;
        private FaultListener faultListener;
        private RestartPolicy restartPolicy = RestartPolicy.DEFAULT;
        private ExecutionEnvironment environment;
        private int workerThreads = 2;
        private int retainedFindings = 1_000;
        private Duration stopTimeout = Duration.ofSeconds(5);

        // Watchdog and storm options (SPEC 3.1, 4.4), kept in their own block for merges.
        private Watchdog watchdog = Watchdog.DEFAULT;
        private StormPolicy stormPolicy = StormPolicy.DEFAULT;

        // Shared dispatch (SPEC 3.2), its own block for merges.
        private io.github.irq4j.spi.SharedDispatcher sharedDispatcher;

        private Builder() {
        }

        /** The verifier mode; default {@link VerifierMode#THROW}. */
        public Builder verifierMode(VerifierMode mode) { this.verifierMode = Objects.requireNonNull(mode, "verifierMode"); return this; }

        /**
         * How precisely violations name where a lock was taken. Off (the default), they name the
         * framework callback the holder ran ("in uart0 work item"), which costs nothing: the lock path
         * allocates nothing and every rule is still checked. On, every driver acquire walks the stack
         * to record the file and line ("Uart.java:42"): about 100 times slower and 880 bytes per
         * acquire in this project's benchmarks, for debugging.
         */
        public Builder captureAcquireSites(boolean capture) { this.captureAcquireSites = capture; return this; }

        /** Receives each violation. */
        public Builder verifierListener(VerifierListener listener) { this.verifierListener = listener; return this; }

        /** Receives each fault. */
        public Builder faultListener(FaultListener listener) { this.faultListener = listener; return this; }

        /** What to do after a device fails. */
        public Builder restartPolicy(RestartPolicy policy) { this.restartPolicy = Objects.requireNonNull(policy, "restartPolicy"); return this; }

        /** Where dispatch loops and deferred calls run; default: framework threads. */
        public Builder environment(ExecutionEnvironment environment) { this.environment = environment; return this; }

        /** Worker threads for work items and I/O callbacks in the default environment, 1 to 64; default 2. */
        public Builder workerThreads(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("workerThreads: " + n + " (expected: 1 <= workerThreads <= 64)");
            }
            this.workerThreads = n;
            return this;
        }

        /**
         * How many recent faults, and how many recent violations, the host keeps in full for
         * {@link Host#faults()} and {@link Host#violations()}, 1 to 1,000,000; default 1,000. Older
         * ones are dropped from those lists but stay counted exactly in {@link Host#faultCounts()}
         * and {@link Host#violationCounts()}, so memory stays bounded however many there are.
         */
        public Builder retainedFindings(int n) {
            if (n < 1 || n > 1_000_000) {
                throw new IllegalArgumentException("retainedFindings: " + n + " (expected: 1 <= retainedFindings <= 1000000)");
            }
            this.retainedFindings = n;
            return this;
        }

        /**
         * How long {@link Host#stop} and {@link Host#close()} wait for other threads in all before
         * they report what still runs ({@link Fault.Kind#STOP_TIMEOUT}) and go on without it; from 1 ms
         * to 10 minutes, default 5 s.
         */
        public Builder stopTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "stopTimeout");
            if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("stopTimeout: " + timeout + " (expected: 1 ms <= stopTimeout <= 10 min)");
            }
            this.stopTimeout = timeout;
            return this;
        }

        // ------------------------------------------------ watchdog and interrupt storms (SPEC 3.1, 4.4)

        /**
         * The watchdog's thresholds for ISRs, DPCs, lock holds at {@code DIRQL} and other callbacks;
         * default {@link Watchdog#DEFAULT} (report only), {@link Watchdog#disabled()} for none. No WDF
         * function: Windows' DPC watchdog is a system setting. Any thread; does not block.
         */
        public Builder watchdog(Watchdog watchdog) { this.watchdog = Objects.requireNonNull(watchdog, "watchdog"); return this; }

        /**
         * When a claimed interrupt is a storm and what is done to its line; default
         * {@link StormPolicy#DEFAULT} (500,000 per second for 1 s, then masked). No WDF function.
         * Any thread; does not block.
         */
        public Builder interruptStorm(StormPolicy policy) { this.stormPolicy = Objects.requireNonNull(policy, "interruptStorm"); return this; }

        // ------------------------------------------------ shared dispatch (SPEC 3.2)

        /**
         * Runs the dispatch loops {@code dispatcher} accepts on its few threads instead of a thread per
         * source (the default, modelled on Linux's threaded IRQs); the loops it declines keep a thread
         * each. Default: none. The host does not close it: close it after the host. Applies to the
         * default environment only. No WDF function (WDF has no dispatch-thread object). Any thread;
         * does not block.
         *
         * @throws IllegalStateException at {@link #build()} if an {@link #environment} was given too,
         *         which places its loops itself
         */
        public Builder sharedDispatcher(io.github.irq4j.spi.SharedDispatcher dispatcher) {
            this.sharedDispatcher = Objects.requireNonNull(dispatcher, "sharedDispatcher");
            return this;
        }

        /** Builds the host; framework threads start on first use. */
        public Host build() {
            if (sharedDispatcher != null && environment != null) {
                throw new IllegalStateException("sharedDispatcher(" + sharedDispatcher + ") with environment(" + environment
                        + "): a given environment places its dispatch loops itself; give one of the two");
            }
            return FrameworkAccess.get().newHost(new FrameworkAccess.HostOptions(verifierMode, captureAcquireSites,
                    verifierListener, faultListener, restartPolicy, environment, workerThreads, retainedFindings, stopTimeout,
                    watchdog, stormPolicy, sharedDispatcher));
        }
    }
}

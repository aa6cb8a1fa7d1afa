package io.github.irq4j.bench;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.MemoryResource;
import io.github.irq4j.Resource;
import io.github.irq4j.StormPolicy;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.samples.SequentialUartDriver;
import io.github.irq4j.samples.SpinLockTimerDriver;
import io.github.irq4j.sim.LineMode;
import io.github.irq4j.sim.SimInterruptController;
import io.github.irq4j.sim.SimTimer;
import io.github.irq4j.sim.SimUart;
import io.github.irq4j.sim.Simulation;
import io.github.irq4j.spi.DispatchLoop;
import io.github.irq4j.spi.InProcessInterruptSource;
import io.github.irq4j.spi.InterruptSource;
import io.github.irq4j.spi.SharedDispatcher;
import io.github.irq4j.spi.SignalHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The demo's "ISR duration", measured as the demo measures it: one signal's dispatch (the
 * {@link SignalHandler#onSignal} call the demo's measuring source brackets with two
 * {@code nanoTime()}s: interrupt lock, ISR, release, acknowledge), for the demo's two drivers on
 * their simulated devices ({@link SequentialUartDriver} on a {@link SimUart} receiving 4 bytes, a
 * passive interrupt that queues its work item; {@link SpinLockTimerDriver} on a {@link SimTimer}
 * expiry, a DIRQL interrupt that queues its DPC), with the demo's verifier settings (REPORT,
 * acquire-site capture on) and the default environment's DPC and work-item threads, parked between
 * signals as in the demo.
 *
 * <p>The benchmark thread is the dispatch thread: a {@link SharedDispatcher} of its own takes the
 * loop and opens the source on it, and the signal's handler (the framework's dispatcher) is the one
 * the source's poll is given. Per invocation, outside the timing ({@code Level.Invocation}, whose
 * timestamps JMH takes around each call as the demo does around each signal), the device raises
 * its cause and a poll with nothing pending sends what the last signal still owes (the wake-ups
 * of the DPC and work-item threads, sent after the signal since this change).
 * {@code spacing} {@code PARKED} is the demo's; {@code BURST} fires back to back.
 * <ul>
 * <li>{@code isr}: the demo's bracket alone.</li>
 * <li>{@code isrThenOwedWakes}: the bracket and the owed wake-ups after it (the poll that ends the
 *     signal's dispatch): the dispatch thread's whole cost per signal, which the change moves
 *     around but must not raise.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DemoIsrBenchmark {

    /** The demo's drivers. */
    public enum DemoDriver { UART, TIMER }

    @Param({"UART", "TIMER"})
    public DemoDriver driver;

    /** How signals follow each other. */
    public enum Spacing {
        /** As in the demo: the next signal after the deferred work ran and its thread parked again. */
        PARKED,
        /** Back to back: a burst, in which the DPC or work item mostly coalesces and its thread seldom parks. */
        BURST
    }

    @Param({"PARKED", "BURST"})
    public Spacing spacing;

    private static final byte[] FOUR = {1, 2, 3, 4};

    private Host host;
    private Interrupt interrupt;
    /** The threads that run the driver's deferred work (the DPC thread, or the work-item pool). */
    private Thread[] deferredThreads;
    private Simulation simulation;
    private SimUart uart;
    private final CallerDispatcher dispatcher = new CallerDispatcher();
    private final SignalCapture source = new SignalCapture(new InProcessInterruptSource("demo-isr", 1));

    /** Takes every loop and opens its source on the calling thread (the benchmark's); never runs it. */
    private static final class CallerDispatcher implements SharedDispatcher {
        DispatchLoop loop;

        @Override
        public boolean start(DispatchLoop l) {
            l.openSource();
            loop = l;
            return true;
        }

        @Override
        public void stop(DispatchLoop l) {
            l.stop();
            l.closeSource();
            loop = null;
        }

        @Override
        public int dispatchThreads() {
            return 1;
        }

        @Override
        public void close() {
        }
    }

    /** An in-process line whose poll keeps the handler it is given: the framework's dispatcher. */
    private static final class SignalCapture implements InterruptSource {
        private final InProcessInterruptSource line;
        SignalHandler handler;

        SignalCapture(InProcessInterruptSource line) {
            this.line = line;
        }

        @Override public String name() { return line.name(); }
        @Override public int messageCount() { return line.messageCount(); }
        @Override public void connect() { line.connect(); }
        @Override public int poll(SignalHandler h) { handler = h; return line.poll(h); }
        @Override public void await(long timeoutNanos) { line.await(timeoutNanos); }
        @Override public void wakeup() { line.wakeup(); }
        @Override public void mask(int message) { line.mask(message); }
        @Override public void unmask(int message) { line.unmask(message); }
        @Override public void acknowledge(int message, boolean claimed) { line.acknowledge(message, claimed); }
        @Override public long lostSignals(int message) { return line.lostSignals(message); }
        @Override public void disconnect() { line.disconnect(); }
    }

    @Setup
    public void setUp() {
        simulation = new Simulation();
        // The device's own line goes to a controller nobody polls: the signal comes from the benchmark.
        SimInterruptController unused = new SimInterruptController("demo-isr-pic", LineMode.LEVEL, LineMode.EDGE);
        Driver d;
        MemoryResource regs;
        if (driver == DemoDriver.UART) {
            uart = new SimUart("uart0", simulation, unused.levelOutput(0), 1024);
            regs = new MemoryResource("uart0.regs", uart.registers());
            d = new SequentialUartDriver();
        } else {
            SimTimer timer = new SimTimer("timer0", simulation, unused, 1, 1_000_000L);
            regs = new MemoryResource("timer0.regs", timer.registers());
            d = new SpinLockTimerDriver();
        }
        host = Host.builder().verifierMode(VerifierMode.REPORT).captureAcquireSites(true).sharedDispatcher(dispatcher)
                .interruptStorm(StormPolicy.DEFAULT.withAction(StormPolicy.Action.REPORT)).build();
        List<Resource> resources = List.of(regs, InterruptResource.line("demo-isr.irq", source, 0,
                driver == DemoDriver.UART ? InterruptMode.LEVEL_SENSITIVE : InterruptMode.LATCHED));
        Device device = host.addDevice(driver == DemoDriver.UART ? "uart0" : "timer0", d, resources);
        host.start(device);
        interrupt = device.interrupts().get(0);
        dispatcher.loop.pollOnce(); // hands the source the dispatcher's handler
        String role = driver == DemoDriver.UART ? "irq4j-work-" : "irq4j-dpc";
        deferredThreads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(role)).toArray(Thread[]::new);
        if (deferredThreads.length == 0) {
            throw new IllegalStateException("no " + role + " thread");
        }
        if (source.handler == null) {
            throw new IllegalStateException("the source was not polled");
        }
    }

    /**
     * Outside the timing: what the last signal owes is sent, its deferred work runs and its thread
     * parks again (as between the demo's signals, 50 us to 1 ms apart), and the device raises its cause.
     */
    @Setup(Level.Invocation)
    public void raise() {
        dispatcher.loop.pollOnce();
        InterruptStatistics s = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (spacing == Spacing.PARKED
                && ((s = interrupt.statistics()).dpcRuns() + s.workItemRuns() < s.dpcQueued() + s.workItemQueued() || !parked())) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the deferred work did not run within 10 s: " + s);
            }
            Thread.onSpinWait();
        }
        if (uart != null) {
            uart.feed(FOUR);
        } else {
            simulation.clock().fireNext();
        }
    }

    /** Fails the run unless every signal was claimed and queued its DPC or work item: it measured what it says. */
    private boolean parked() {
        for (Thread t : deferredThreads) {
            if (t.getState() != Thread.State.WAITING) {
                return false;
            }
        }
        return true;
    }

    @TearDown
    public void tearDown() {
        try {
            InterruptStatistics s = interrupt.statistics();
            long queued = s.dpcQueued() + s.workItemQueued();
            if (s.isrCalls() == 0 || s.claimed() != s.isrCalls() || (spacing == Spacing.PARKED && queued != s.isrCalls())) {
                throw new IllegalStateException("not every ISR claimed and queued its deferred work: " + s);
            }
        } finally {
            host.close();
        }
    }

    @Benchmark
    public void isr() {
        source.handler.onSignal(0, 1);
    }

    @Benchmark
    public int isrThenOwedWakes() {
        source.handler.onSignal(0, 1);
        return dispatcher.loop.pollOnce();
    }
}

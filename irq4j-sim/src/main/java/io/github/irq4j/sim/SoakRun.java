package io.github.irq4j.sim;

import io.github.irq4j.Completion;
import io.github.irq4j.Device;
import io.github.irq4j.Fault;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.PendingRequest;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.RestartPolicy;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A soak: the {@link SoakDriver} on a simulated controller (an edge line and an MSI vector) for a
 * while, under random interrupt bursts, disables and enables of either interrupt, device restarts
 * (stop, then start), cancellations of reads in flight and faulting callbacks (ISR, DPC, work
 * item, read), all chosen by one seed; then an exact {@link SoakAccount}.
 * <p>
 * Threads: a burst thread raises edges (counted here, per line); a client thread keeps reads in
 * flight on the driver's default queue and tallies every completion by status; the calling thread
 * takes the random actions. At the end the burst and client threads stop, every interrupt is
 * enabled and the device started, edges are raised until the driver holds no read (bounded by
 * {@link #DRAIN_TIMEOUT}), the device is stopped (its power-down completes what is still held),
 * and the counters are read. The host's restart policy reports callback faults and goes on, so
 * injected faults never end the device; restarts are the soak's own.
 */
public final class SoakRun {

    /** How long the end waits for reads to finish before it counts them as never completed. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);
    /** Reads the client keeps in flight. */
    static final int IN_FLIGHT = 16;
    /** Line 0 (edge) carries soak.dpc, line 1 (MSI) soak.work. */
    private static final LineMode[] LINES = {LineMode.EDGE, LineMode.MSI};

    /**
     * The counts of the random actions taken.
     *
     * @param bursts bursts of 1 to 32 edges the burst thread raised
     * @param quietSpells actions that were a pause of 1 to 20 ms with nothing but bursts
     */
    public record Actions(long bursts, long quietSpells, long disables, long restarts, long cancellations, long faultsArmed) {
    }

    /** What a soak ended with. */
    public record Result(Duration elapsed, long seed, Actions actions, SoakAccount account, List<Violation> violations,
                         List<Fault> otherFaults, List<InterruptStatistics> interrupts,
                         List<LineStatistics> lines) {

        /** Balanced, no violation and no fault but the injected ones. */
        public boolean clean() {
            return account.balanced() && violations.isEmpty() && otherFaults.isEmpty();
        }
    }

    private final Duration duration;
    private final long seed;
    private final Consumer<String> progress;
    private final java.util.function.BooleanSupplier endEarly;

    private final SimInterruptController pic = new SimInterruptController("soak-pic", LINES);
    /** Edges raised per line: by the burst thread, then (after joining it) by the drain; progress lines read it racily. */
    private final long[] raised = new long[LINES.length];
    /** Bursts raised: by the burst thread, read after joining it. */
    private long burstCount;
    private final AtomicLong injectedFaultsReported = new AtomicLong();
    private final List<Fault> otherFaults = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<PendingRequest, Boolean> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopTraffic;
    private volatile boolean stopClient;

    /**
     * @param duration how long the random actions go on (the drain at the end comes on top)
     * @param seed the seed of every random choice
     * @param progress receives a line every 10 s of the run (e.g. for a terminal)
     * @throws IllegalArgumentException if the duration is not positive
     */
    public SoakRun(Duration duration, long seed, Consumer<String> progress) {
        this(duration, seed, progress, () -> false);
    }

    /**
     * As {@link #SoakRun(Duration, long, Consumer)}, ending the random actions early (then draining
     * and accounting as usual) once {@code endEarly} says so, e.g. on Ctrl-C.
     */
    public SoakRun(Duration duration, long seed, Consumer<String> progress, java.util.function.BooleanSupplier endEarly) {
        this.endEarly = Objects.requireNonNull(endEarly, "endEarly");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("soak duration " + duration + " (expected: more than 0, e.g. 10s or 10m)");
        }
        this.duration = duration;
        this.seed = seed;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Runs the soak; blocks for the duration plus the drain. PASSIVE. */
    public Result run() throws InterruptedException {
        SoakDriver driver = new SoakDriver();
        long begin = System.nanoTime();
        Host host = Host.builder().verifierMode(VerifierMode.REPORT).restartPolicy(new RestartPolicy(false, 0))
                .faultListener(this::onFault).build();
        try {
            Device device = host.addDevice("soak0", driver,
                    List.of(pic.resource("soak.irq0", 0), pic.resource("soak.msi1", 1)));
            host.start(device);
            SplittableRandom random = new SplittableRandom(seed);
            Thread bursts = Thread.ofPlatform().name("soak-bursts").start(contained("soak-bursts", burster(random.split())));
            Thread client = Thread.ofPlatform().name("soak-client").start(contained("soak-client", client(driver, random.split())));
            Actions acted = act(host, device, driver, random);
            stopClient = true;
            client.join();
            stopTraffic = true;
            bursts.join();
            Actions actions = new Actions(burstCount, acted.quietSpells(), acted.disables(), acted.restarts(),
                    acted.cancellations(), acted.faultsArmed());
            driver.dpcInterrupt().enable();      // a no-op for an interrupt that is enabled
            driver.workInterrupt().enable();
            drain(driver);
            host.stop(device);
            awaitCompletions();
            List<InterruptStatistics> stats = List.of(driver.dpcInterrupt().statistics(), driver.workInterrupt().statistics());
            SoakAccount account = account(stats, driver);
            List<Violation> violations = List.copyOf(host.violations());
            host.remove(device);
            return new Result(Duration.ofNanos(System.nanoTime() - begin), seed, actions, account, violations,
                    List.copyOf(otherFaults), stats, List.of(pic.statistics(0), pic.statistics(1)));
        } finally {
            stopClient = true;
            stopTraffic = true;
            host.close();
        }
    }

    private void onFault(Fault fault) {
        if (fault.message() != null && fault.message().contains(SoakDriver.INJECTED)
                || fault.cause() != null && String.valueOf(fault.cause().getMessage()).contains(SoakDriver.INJECTED)) {
            injectedFaultsReported.incrementAndGet();
        } else {
            otherFaults.add(fault);
        }
    }

    /** A soak thread's failure is reported among the faults that were not injected, not lost with the thread. */
    private Runnable contained(String thread, Runnable body) {
        return () -> {
            try {
                body.run();
            } catch (RuntimeException | Error e) {
                otherFaults.add(new Fault(Fault.Kind.CALLBACK_EXCEPTION, "soak0", thread, "the soak's thread '" + thread
                        + "' failed: " + e, e));
                stopClient = true;
                stopTraffic = true;
            }
        };
    }

    /** Bursts of 1 to 32 edges on a random line, 0 to 2 ms apart. */
    private Runnable burster(SplittableRandom random) {
        return () -> {
            while (!stopTraffic) {
                int line = random.nextInt(LINES.length);
                int n = 1 + random.nextInt(32);
                for (int i = 0; i < n; i++) {
                    pic.raiseEdge(line);
                    raised[line]++;
                }
                burstCount++;
                LockSupport.parkNanos(random.nextLong(2_000_000));
            }
        };
    }

    /** Keeps {@link #IN_FLIGHT} reads of 1 to 64 bytes in flight; every completion is tallied once, by status. */
    private Runnable client(SoakDriver driver, SplittableRandom random) {
        return () -> {
            while (!stopClient) {
                if (inFlight.size() >= IN_FLIGHT) {
                    LockSupport.parkNanos(200_000);
                    continue;
                }
                PendingRequest p = driver.queue().submitRead(1 + random.nextInt(64));
                sent.incrementAndGet();
                inFlight.put(p, Boolean.TRUE);
                p.completion().whenComplete((c, e) -> {
                    tally(c, e);
                    inFlight.remove(p);
                });
                LockSupport.parkNanos(50_000);
            }
        };
    }

    private void tally(Completion c, Throwable e) {
        if (e != null) {
            failed.incrementAndGet();          // the framework completed the future exceptionally
        } else if (c.status() == RequestStatus.SUCCESS) {
            completed.incrementAndGet();
        } else if (c.status() == RequestStatus.CANCELLED) {
            cancelled.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    /** The random actions, one every 1 to 20 ms, until the duration has passed. */
    private Actions act(Host host, Device device, SoakDriver driver, SplittableRandom random) {
        long quiet = 0, disables = 0, restarts = 0, cancellations = 0, faults = 0;
        long end = System.nanoTime() + duration.toNanos();
        long nextProgress = System.nanoTime() + 10_000_000_000L;
        for (long now = System.nanoTime(); now < end && !endEarly.getAsBoolean(); now = System.nanoTime()) {
            int dice = random.nextInt(100);
            if (dice < 20) {
                Interrupt i = random.nextBoolean() ? driver.dpcInterrupt() : driver.workInterrupt();
                i.disable();
                LockSupport.parkNanos(random.nextLong(3_000_000));
                i.enable();
                disables++;
            } else if (dice < 23) {
                host.stop(device);
                LockSupport.parkNanos(random.nextLong(5_000_000));
                host.start(device);
                restarts++;
            } else if (dice < 53) {
                PendingRequest victim = inFlight.keySet().stream().skip(random.nextInt(Math.max(1, inFlight.size()))).findFirst()
                        .orElse(null);
                if (victim != null) {
                    victim.cancel();
                    cancellations++;
                }
            } else if (dice < 63) {
                driver.arm(SoakDriver.Site.values()[random.nextInt(SoakDriver.Site.values().length)]);
                faults++;
            } else {
                quiet++;                                   // let the bursts run undisturbed for a while
            }
            LockSupport.parkNanos(1_000_000 + random.nextLong(19_000_000));
            if (System.nanoTime() >= nextProgress) {
                progress.accept(String.format("soak: %d s, %,d reads sent, %,d edges raised, %d restarts, %,d disables",
                        Duration.ofNanos(System.nanoTime() - end + duration.toNanos()).toSeconds(), sent.get(),
                        raised[0] + raised[1], restarts, disables));
                nextProgress += 10_000_000_000L;
            }
        }
        return new Actions(0, quiet, disables, restarts, cancellations, faults);
    }

    /** Raises edges (counted) until the driver holds no read, or the drain timeout passes. */
    private void drain(SoakDriver driver) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (driver.heldReads() > 0 && System.nanoTime() < deadline) {
            for (int line = 0; line < LINES.length; line++) {
                pic.raiseEdge(line);
                raised[line]++;
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Waits (bounded by the drain timeout) for every read sent to complete. */
    private void awaitCompletions() throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        for (PendingRequest p : List.copyOf(inFlight.keySet())) {
            try {
                p.completion().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | CancellationException | java.util.concurrent.ExecutionException e) {
                // counted below as never completed (timeout) or already tallied as failed
            }
        }
        // whenComplete's tally runs right after the future completes, on the completing thread
        long tallyDeadline = System.nanoTime() + 1_000_000_000L;
        while (!inFlight.isEmpty() && System.nanoTime() < tallyDeadline) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private SoakAccount account(List<InterruptStatistics> stats, SoakDriver driver) {
        long handled = 0, coalesced = 0, lost = 0;
        for (InterruptStatistics s : stats) {
            handled += s.isrCalls();
            coalesced += s.coalesced();
            lost += s.lost();
        }
        long signalled = raised[0] + raised[1];
        long tallied = completed.get() + cancelled.get() + failed.get();
        return new SoakAccount(sent.get(), completed.get(), cancelled.get(), failed.get(), Math.max(0, sent.get() - tallied),
                signalled, handled, coalesced, lost, driver.injected(), injectedFaultsReported.get());
    }
}

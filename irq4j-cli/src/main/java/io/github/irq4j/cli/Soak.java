package io.github.irq4j.cli;

import io.github.irq4j.Fault;
import io.github.irq4j.InterruptStatistics;
import io.github.irq4j.Violation;
import io.github.irq4j.sim.SoakRun;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * {@code irq4j demo --soak DURATION}: runs a {@link SoakRun} (random interrupt bursts, disables and
 * enables, device restarts, cancellations, faulting callbacks on simulated devices) and prints its
 * exact account. Exit 0 when every equation balances and nothing but the injected faults was
 * reported; 1 with the numbers of each mismatch otherwise. Ctrl-C or SIGTERM ends the random actions
 * early; the soak then drains and prints its account as at its end (exit 130/143 if it balanced).
 */
final class Soak {

    private final Duration duration;
    private final long seed;
    private final PrintWriter out;
    private final PrintWriter err;

    Soak(Duration duration, long seed, PrintWriter out, PrintWriter err) {
        this.duration = duration;
        this.seed = seed;
        this.out = out;
        this.err = err;
    }

    /** Runs the soak and prints the account; returns the exit code. */
    int run() throws InterruptedException {
        try (StopSignals signals = StopSignals.install(System.err)) {
            // after the handlers are in place: a Ctrl-C from now on ends the soak with its account
            err.println("irq4j: soak for " + duration.toMillis() + " ms, seed " + seed
                    + ": bursts, disables/enables, restarts, cancellations, injected faults; Ctrl-C ends it early with the account");
            err.flush();
            SoakRun.Result r = new SoakRun(duration, seed, line -> {
                err.println(line);
                err.flush();
            }, () -> signals.received() != null).run();
            int code = print(r);
            if (signals.received() != null) {
                err.println("irq4j: " + signals.received() + " ended the soak after " + r.elapsed().toMillis() + " of "
                        + duration.toMillis() + " ms; the account covers the soak so far");
                err.flush();
                return code == ExitCode.CLEAN ? signals.exitCode() : code;
            }
            return code;
        }
    }

    /** Prints the result; the exit code: 0 clean, 1 a mismatch, a violation or an unexpected fault. */
    int print(SoakRun.Result r) {
        SoakRun.Actions a = r.actions();
        out.printf("soak: %.1f s, seed %d: %,d bursts, %,d disables/enables, %,d device restarts, %,d cancellations, %,d faults armed, %,d quiet spells%n",
                r.elapsed().toNanos() / 1e9, r.seed(), a.bursts(), a.disables(), a.restarts(), a.cancellations(), a.faultsArmed(),
                a.quietSpells());
        String[] names = {"soak.dpc", "soak.work"};
        for (int i = 0; i < r.interrupts().size(); i++) {
            InterruptStatistics s = r.interrupts().get(i);
            out.printf("  %-9s signals %,d, ISR calls %,d (faults %,d), coalesced %,d, lost %,d, DPC %,d/%,d, work item %,d/%,d%n",
                    names[i], s.signals(), s.isrCalls(), s.isrFaults(), s.coalesced(), s.lost(), s.dpcRuns(), s.dpcQueued(),
                    s.workItemRuns(), s.workItemQueued());
        }
        for (var l : r.lines()) {
            out.printf("  line %d (%s): edges %,d = signals' counts %,d (signals %,d, merged %,d) + dropped while closed %,d + pending %,d%n",
                    l.message(), l.mode(), l.edges(), l.signals() + l.merged(), l.signals(), l.merged(), l.lost(), l.pendingEdges());
        }
        r.account().lines().forEach(l -> out.println(l));
        for (Violation v : r.violations()) {
            out.println("violation: " + v);
        }
        for (Fault f : r.otherFaults()) {
            out.println("fault (not injected): " + f);
        }
        out.flush();
        if (r.clean()) {
            out.println("soak: balanced");
            out.flush();
            return ExitCode.CLEAN;
        }
        for (String m : r.account().mismatches()) {
            err.println("irq4j: soak mismatch: " + m);
        }
        if (!r.violations().isEmpty() || !r.otherFaults().isEmpty()) {
            err.println("irq4j: soak: " + r.violations().size() + " verifier violations, " + r.otherFaults().size()
                    + " faults that were not injected");
        }
        err.flush();
        return ExitCode.FAILED;
    }
}

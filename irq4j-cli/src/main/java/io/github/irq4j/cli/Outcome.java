package io.github.irq4j.cli;

import io.github.irq4j.Fault;
import io.github.irq4j.Violation;

/** Turns a run's verifier findings and faults into the exit code and the one-line error. */
final class Outcome {

    private Outcome() {
    }

    /**
     * @return 0 when the run had no violations and no faults
     * @throws CliException naming the first violation or fault and how many there were
     */
    static int check(RunSession session) {
        var violations = session.violations();
        var faults = session.faults();
        if (!violations.isEmpty()) {
            Violation v = violations.get(0);
            // the message starts with the rule id already
            throw new CliException("driver " + session.driverName() + " broke interrupt rules " + violations.size()
                    + " time(s); first: " + v.message());
        }
        if (!faults.isEmpty()) {
            Fault f = faults.get(0);
            throw new CliException("driver " + session.driverName() + " faulted " + faults.size()
                    + " time(s); first: " + f);
        }
        return ExitCode.CLEAN;
    }
}

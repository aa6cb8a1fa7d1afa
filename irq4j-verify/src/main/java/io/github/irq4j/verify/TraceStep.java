package io.github.irq4j.verify;

import java.util.Objects;

/**
 * One step of a finding's path: a line, and what happened there ("branch taken (true)",
 * "lock() on this.lock", "exception thrown by work() at line 73"), empty if the path just passed.
 *
 * @param line the source line, 0 if the class has no line numbers
 * @param what what happened at that line on this path
 */
public record TraceStep(int line, String what) {
    public TraceStep {
        Objects.requireNonNull(what, "what");
    }

    @Override
    public String toString() {
        return what.isEmpty() ? String.valueOf(line) : line + " (" + what + ")";
    }
}

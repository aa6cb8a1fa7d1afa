package io.github.irq4j.devicetest;

import java.io.PrintStream;

/** The checks of one suite ({@code uio}, {@code vfio}): each prints a {@code CHECK} line as it ends. */
final class Suite {

    /** A check's body: throws {@link AssertionError} (or anything) to fail. */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    private final String name;
    private final PrintStream out;
    private int passed;
    private int failed;

    Suite(String name, PrintStream out) {
        this.name = name;
        this.out = out;
    }

    String name() {
        return name;
    }

    /** Runs one check and records its outcome; a failure does not stop the suite. Returns whether it passed. */
    boolean check(String target, String check, Check body) {
        long start = System.nanoTime();
        try {
            body.run();
            passed++;
            out.printf("CHECK %s %s PASS %s (%d ms)%n", name, target, check, (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (Throwable t) {
            failed++;
            out.printf("CHECK %s %s FAIL %s: %s%n", name, target, check, t);
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().startsWith("io.github.irq4j")) {
                    out.println("    at " + e);
                }
            }
            return false;
        }
    }

    int passed() {
        return passed;
    }

    int failed() {
        return failed;
    }
}

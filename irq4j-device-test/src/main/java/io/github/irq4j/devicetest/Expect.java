package io.github.irq4j.devicetest;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The device tests' assertions and bounded waits (no sleeping on luck: each wait has a condition and a limit). */
final class Expect {

    private Expect() {
    }

    static void equal(String what, long expected, long actual) {
        if (expected != actual) {
            throw new AssertionError(what + ": expected " + expected + ", was " + actual);
        }
    }

    static void isTrue(String what, boolean condition) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    /** Waits until {@code condition} holds, at most {@code seconds}; fails with {@code state}'s description. */
    static void within(int seconds, String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what + " (" + state.get() + ")");
            }
            LockSupport.parkNanos(200_000);
        }
    }
}

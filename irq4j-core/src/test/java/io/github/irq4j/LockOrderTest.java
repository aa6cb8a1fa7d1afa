package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * SPEC 6.1, rule {@code LockOrder}: each lockdep bug pattern is reported the first time it is seen,
 * with both chains, and a consistent order gives no finding.
 */
class LockOrderTest {

    /** Two passive interrupts 'a' (line 0) and 'b' (line 1) on one started device; a third 'c' on line 2. */
    private static Interrupt[] passives(Rig rig, String... names) {
        Interrupt[] created = new Interrupt[names.length];
        List<InterruptResource> lines = new java.util.ArrayList<>();
        for (int n = 0; n < names.length; n++) {
            lines.add(rig.line(n, InterruptMode.LATCHED));
        }
        rig.add("dev", lines, d -> {
            for (int n = 0; n < names.length; n++) {
                created[n] = d.createInterrupt(InterruptConfig.builder((i, m) -> true).name(names[n]).passiveHandling(true).build());
            }
        });
        rig.host.start(rig.device);
        return created;
    }

    /** Runs {@code body} on a new thread named {@code name} and returns what it threw, or null. */
    private static Throwable onThread(String name, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, name);
        t.start();
        t.join(Rig.DEADLINE.toMillis());
        assertThat(t.isAlive()).as("thread %s finished", name).isFalse();
        return thrown.get();
    }

    private static void nest(Interrupt outer, Interrupt inner) {
        outer.acquireLock();
        try {
            inner.acquireLock();
            inner.releaseLock();
        } finally {
            outer.releaseLock();
        }
    }

    private static List<Violation> lockOrder(Rig rig) {
        return rig.host.violations().stream().filter(v -> v.rule() == Rule.LOCK_ORDER).toList();
    }

    @Test
    void aRecursiveAcquireIsFoundWhicheverOfTheHeldLocksItIsAndNoLockOrderFindingComesOfIt() {
        try (Rig rig = new Rig(Host.builder(), 4)) {
            Interrupt[] i = passives(rig, "a", "b");
            Interrupt a = i[0];
            Interrupt b = i[1];
            a.acquireLock();
            b.acquireLock();
            // 'a' is held but not the newest; the recursion check looks at the lock word, not the top of the held list.
            assertThatThrownBy(a::acquireLock).isInstanceOf(VerifierViolation.class)
                    .hasMessageStartingWith("WdfInterruptLock: acquireLock() on 'a' already held by this thread");
            assertThatThrownBy(b::acquireLock).isInstanceOf(VerifierViolation.class)
                    .hasMessageStartingWith("WdfInterruptLock: acquireLock() on 'b' already held by this thread");
            b.releaseLock();
            a.releaseLock();
            a.acquireLock(); // nothing held: no recursion
            a.releaseLock();
            assertThat(rig.host.violations()).extracting(Violation::rule).containsExactly(Rule.WDF_INTERRUPT_LOCK, Rule.WDF_INTERRUPT_LOCK);
        }
    }

    @Test
    void abThenBaOnAnotherThreadIsReportedTheFirstTimeWithBothChainsThoughTheyNeverOverlap() throws Exception {
        try (Rig rig = new Rig(Host.builder(), 4)) {
            Interrupt[] i = passives(rig, "a", "b");
            Interrupt a = i[0];
            Interrupt b = i[1];
            assertThat(onThread("thread-1", () -> nest(a, b))).isNull();   // ends before thread-2 starts
            Throwable thrown = onThread("thread-2", () -> nest(b, a));
            assertThat(thrown).isInstanceOf(VerifierViolation.class);
            VerifierViolation v = (VerifierViolation) thrown;
            assertThat(v.rule()).isEqualTo(Rule.LOCK_ORDER);
            assertThat(v.violation().thread()).isEqualTo("thread-2");
            assertThat(v).hasMessageStartingWith("LockOrder: acquireLock() on 'a' while holding interrupt 'b': possible deadlock")
                    .hasMessageContaining("Earlier: interrupt 'a' then interrupt 'b' on thread 'thread-1'")
                    .hasMessageContaining("Now: interrupt 'b' then interrupt 'a' on thread 'thread-2'");
            // THROW: 'a' was not taken, and 'b' was released by the finally; both are free.
            assertThat(a.tryToAcquireLock()).isTrue();
            a.releaseLock();
            assertThat(b.tryToAcquireLock()).isTrue();
            b.releaseLock();
            // Reported the first time only: the same inversion again goes through.
            assertThat(onThread("thread-3", () -> nest(b, a))).isNull();
            assertThat(lockOrder(rig)).hasSize(1);
        }
    }

    @Test
    void aConsistentOrderGivesNoFinding() throws Exception {
        try (Rig rig = new Rig(Host.builder(), 4)) {
            Interrupt[] i = passives(rig, "a", "b", "c");
            for (int n = 0; n < 3; n++) {
                assertThat(onThread("t" + n, () -> {
                    nest(i[0], i[1]);
                    nest(i[1], i[2]);
                    nest(i[0], i[2]);
                    i[2].acquireLock();
                    i[2].releaseLock();
                })).isNull();
            }
            // A then B then C, all three held.
            i[0].acquireLock();
            i[1].acquireLock();
            i[2].acquireLock();
            i[2].releaseLock();
            i[1].releaseLock();
            i[0].releaseLock();
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    @Test
    void aCycleOfThreeIsReportedWithEachEarlierEdge() throws Exception {
        try (Rig rig = new Rig(Host.builder(), 4)) {
            Interrupt[] i = passives(rig, "a", "b", "c");
            assertThat(onThread("t-ab", () -> nest(i[0], i[1]))).isNull();
            assertThat(onThread("t-bc", () -> nest(i[1], i[2]))).isNull();
            Throwable thrown = onThread("t-ca", () -> nest(i[2], i[0]));
            assertThat(thrown).isInstanceOf(VerifierViolation.class);
            assertThat(((VerifierViolation) thrown).rule()).isEqualTo(Rule.LOCK_ORDER);
            assertThat(thrown).hasMessageContaining("interrupt 'a' then interrupt 'b' on thread 't-ab'")
                    .hasMessageContaining("interrupt 'b' then interrupt 'c' on thread 't-bc'")
                    .hasMessageContaining("Now: interrupt 'c' then interrupt 'a' on thread 't-ca'");
        }
    }

    @Test
    void theReportModeRecordsOnceAndTakesTheLock() throws Exception {
        try (Rig rig = new Rig(Host.builder().verifierMode(VerifierMode.REPORT), 4)) {
            Interrupt[] i = passives(rig, "a", "b");
            assertThat(onThread("t1", () -> nest(i[0], i[1]))).isNull();
            for (int n = 0; n < 3; n++) {
                assertThat(onThread("t2-" + n, () -> nest(i[1], i[0]))).isNull();
            }
            assertThat(lockOrder(rig)).hasSize(1);
        }
    }

    @Test
    void offChecksNothing() throws Exception {
        try (Rig rig = new Rig(Host.builder().verifierMode(VerifierMode.OFF), 4)) {
            Interrupt[] i = passives(rig, "a", "b");
            assertThat(onThread("t1", () -> nest(i[0], i[1]))).isNull();
            assertThat(onThread("t2", () -> nest(i[1], i[0]))).isNull();
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    @Test
    void aTryLockInTheOtherOrderIsNotADeadlock() throws Exception {
        try (Rig rig = new Rig(Host.builder(), 4)) {
            Interrupt[] i = passives(rig, "a", "b");
            assertThat(onThread("t1", () -> nest(i[0], i[1]))).isNull();
            assertThat(onThread("t2", () -> {
                i[1].acquireLock();
                try {
                    if (i[0].tryToAcquireLock()) {   // never waits, so it cannot close a cycle
                        i[0].releaseLock();
                    }
                } finally {
                    i[1].releaseLock();
                }
            })).isNull();
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    @Test
    void theInterruptLockAgainstALockItsIsrTakesAndAWorkItemTakesFirst() {
        try (Rig rig = new Rig(Host.builder(), 4)) {
            Interrupt[] q = new Interrupt[1];
            Interrupt[] p = new Interrupt[1];
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED)), d -> {
                q[0] = d.createInterrupt(InterruptConfig.builder((i, m) -> true).name("q").passiveHandling(true)
                        .resource(d.resources().get(1)).build());
                p[0] = d.createInterrupt(InterruptConfig.builder((i, m) -> {
                    q[0].acquireLock();       // the ISR holds p: p then q
                    q[0].releaseLock();
                    i.queueWorkItemForIsr();
                    return true;
                }).name("p").passiveHandling(true).resource(d.resources().get(0)).workItem((i, o) -> {
                    q[0].acquireLock();       // q then p: the opposite order
                    try {
                        i.acquireLock();
                        i.releaseLock();
                    } finally {
                        q[0].releaseLock();
                    }
                }).build());
            });
            rig.host.start(rig.device);
            rig.source.fire(0);
            Rig.await("a LockOrder violation", () -> !lockOrder(rig).isEmpty());
            Violation v = lockOrder(rig).getFirst();
            assertThat(v.message()).contains("acquireLock() on 'p' while holding interrupt 'q'")
                    .contains("interrupt 'p' (taken ISR of 'p') then interrupt 'q'")
                    .contains("in p ISR in ISR context")
                    .contains("Now: interrupt 'q' (taken in p work item) then interrupt 'p'")
                    .contains("in p work item");
        }
    }

    @Test
    void aLockTakenInAnIsrAndHeldElsewhereWithThatInterruptEnabledIsIrqSafeToIrqUnsafe() {
        try (Rig rig = new Rig(Host.builder().verifierMode(VerifierMode.REPORT), 4)) {
            Interrupt[] low = new Interrupt[1];
            Interrupt[] high = new Interrupt[1];
            java.util.concurrent.atomic.AtomicBoolean isrDone = new java.util.concurrent.atomic.AtomicBoolean();
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED)), d -> {
                low[0] = d.createInterrupt(InterruptConfig.builder((i, m) -> true).name("low").resource(d.resources().get(0)).build());
                high[0] = d.createInterrupt(InterruptConfig.builder((i, m) -> {
                    low[0].acquireLock();    // at DIRQL(1), above low's DIRQL(0)
                    low[0].releaseLock();
                    isrDone.set(true);       // isrCalls counts the call before the ISR runs: wait for this instead
                    return true;
                }).name("high").resource(d.resources().get(1)).build());
            });
            rig.host.start(rig.device);
            rig.source.fire(1);
            Rig.await("the ISR took and released 'low'", isrDone::get);
            low[0].acquireLock();            // held at DIRQL(0): high's ISR can come in over it
            low[0].releaseLock();
            List<Violation> found = lockOrder(rig);
            assertThat(found).hasSize(1);
            assertThat(found.getFirst().message()).contains("interrupt 'low'")
                    .contains("is taken in ISR context (irq4j-isr")
                    .contains("at DIRQL(1)")
                    .contains("held with that interrupt enabled (" + Thread.currentThread().getName())
                    .contains("irq-safe -> irq-unsafe");
        }
    }

    @Test
    void locksOfTwoHostsAreInTwoGraphs() throws Exception {
        try (Rig one = new Rig(Host.builder(), 4); Rig two = new Rig(Host.builder(), 4)) {
            Interrupt[] first = passives(one, "a", "b");
            Interrupt[] second = passives(two, "c", "d");
            // The held lock's class ids mean other classes in the other graph: no edge, no false finding, no crash.
            assertThat(onThread("t1", () -> nest(first[1], second[0]))).isNull();
            assertThat(onThread("t2", () -> nest(second[1], first[0]))).isNull();
            assertThat(onThread("t3", () -> nest(first[0], first[1]))).isNull();
            assertThat(one.host.violations()).isEmpty();
            assertThat(two.host.violations()).isEmpty();
        }
    }

    @Test
    void twoLocksOfOneClassNestedAreReported() {
        try (Rig rig = new Rig(Host.builder(), 4)) {
            Interrupt[] on = new Interrupt[2];
            for (int n = 0; n < 2; n++) {
                int k = n;
                Device d = rig.add("dev" + n, List.of(rig.line(n, InterruptMode.LATCHED)),
                        dev -> on[k] = dev.createInterrupt(InterruptConfig.builder((i, m) -> true).name("uart0").passiveHandling(true).build()));
                rig.host.start(d);
            }
            on[0].acquireLock();
            try {
                VerifierViolation v = org.assertj.core.api.Assertions.catchThrowableOfType(VerifierViolation.class, on[1]::acquireLock);
                assertThat(v.rule()).isEqualTo(Rule.LOCK_ORDER);
                assertThat(v).hasMessageContaining("while holding another lock of the same class interrupt 'uart0'");
            } finally {
                on[0].releaseLock();
            }
        }
    }

    @Test
    void aSharedSpinLockObjectIsOneClassAcrossItsInterruptsUnderACallbackLock() throws Exception {
        try (Rig rig = new Rig(Host.builder(), 4)) {
            Interrupt[] i = new Interrupt[4];
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED),
                    rig.line(2, InterruptMode.LATCHED).withDirqlIndex(1), rig.line(3, InterruptMode.LATCHED)), d -> {
                d.setExecutionLevel(ExecutionLevel.PASSIVE);
                SpinLock shared = d.createSpinLock("shared");
                i[0] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).name("s0").spinLock(shared).resource(d.resources().get(0)).build());
                i[1] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).name("s1").spinLock(shared).resource(d.resources().get(1)).build());
                i[2] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).name("x").resource(d.resources().get(2)).build());
                // Under the device's callback lock (automatic serialization): callback lock, then shared through s1, then x.
                i[3] = d.createInterrupt(InterruptConfig.builder((x, m) -> true).name("p").passiveHandling(true)
                        .resource(d.resources().get(3)).automaticSerialization(true)
                        .workItem((x, o) -> nest(i[1], i[2])).build());
            });
            rig.host.start(rig.device);
            i[3].queueWorkItemForIsr();
            Rig.await("the work item ran", () -> i[3].statistics().workItemRuns() == 1);
            assertThat(rig.host.violations()).as("callback lock, shared, x: one order, no finding").isEmpty();
            // x then shared through s0: the inversion, found although s0 was never nested with x.
            Throwable thrown = onThread("t", () -> nest(i[2], i[0]));
            assertThat(thrown).isInstanceOf(VerifierViolation.class);
            assertThat(thrown).hasMessageContaining("acquireLock() on 's0' while holding interrupt 'x'")
                    .hasMessageContaining("Earlier: SpinLock 'shared' (taken in p work item) then interrupt 'x'");
        }
    }
}

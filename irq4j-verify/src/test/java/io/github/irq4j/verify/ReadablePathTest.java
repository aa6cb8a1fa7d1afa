package io.github.irq4j.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each step of a finding's path says what happened; lock names are source expressions; one acquire, one finding. */
class ReadablePathTest {

    private static VerificationResult result;

    @BeforeAll
    static void verify() {
        result = new StaticVerifier().verify(List.of(Fixtures.classFile("LockReleaseFixture"), Fixtures.classFile("JucLockFixture"),
                Fixtures.classFile("PrecisionFixture"), Fixtures.classFile("TryLockFixture")));
    }

    private static Finding in(String method) {
        return result.findings().stream().filter(f -> f.methodName().equals(method)).findFirst().orElseThrow();
    }

    private static String steps(Finding f) {
        return f.steps().stream().map(TraceStep::toString).collect(Collectors.joining(" -> "));
    }

    @Test
    void oneAcquireOneFindingNamingBothExits() {
        List<Finding> fs = result.findings().stream().filter(f -> f.methodName().equals("badCatchReturnsHolding")).toList();
        assertThat(fs).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(80);
            assertThat(f.message()).contains("exits by an exception from work() at line 80").contains("returns at line 82")
                    .contains("this.irq").contains("acquireLock() at line 78");
        });
    }

    @Test
    void stepsSayWhatHappened() {
        assertThat(steps(in("badLeakOnBranch"))).contains("acquireLock() on this.irq: held").contains("this.flag is true")
                .endsWith("(returns)");
        assertThat(steps(in("badExceptionPathLeak"))).contains("exception thrown by work() at line 73, not caught");
        assertThat(steps(in("badTryLock"))).contains("tryLock(..) on this.lock returned true: held")
                .contains("the try-acquire of this.lock at line 117 returned true");
        assertThat(steps(in("badDiscardedJucTryLock"))).contains("returned true: held");
    }

    @Test
    void lockNamesAreSourceExpressions() {
        assertThat(in("badWriteLock").message()).contains("holding lock this.rw.writeLock()");
        assertThat(in("badInterfaceTyped").message()).contains("holding lock l ");
        assertThat(in("badStoredTryNeverRead").message()).contains("try-acquire of this.irq");
    }

    @Test
    void loopIterationsAreSteps() {
        Finding f = in("badLockInLoop");
        assertThat(steps(f)).contains("lock() on this.lock: held").contains("loop: back to line").endsWith("(returns)");
        assertThat(f.steps()).extracting(TraceStep::line).containsExactlyElementsOf(f.trace());
        assertThat(new TextReport().toString(result)).contains("      103: lock() on this.lock: held");
    }
}

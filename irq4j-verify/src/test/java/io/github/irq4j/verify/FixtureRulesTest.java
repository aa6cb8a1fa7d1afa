package io.github.irq4j.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every "// expect: Rule" line of each fixture source is found with that rule at that line, and
 * nothing else is reported: every good method is silent.
 */
class FixtureRulesTest {

    private static VerificationResult result;

    @BeforeAll
    static void verifyFixtures() {
        result = new StaticVerifier().verify(List.of(Fixtures.classesDir()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WdfInterruptLockFixture.java", "LockReleaseFixture.java", "TryLockFixture.java",
            "SpinLockFixture.java", "PassiveDriverFixture.java", "SpinDriverFixture.java", "Seed001Fixture.java",
            "JucLockFixture.java", "IrqQueueDriverFixture.java", "PrecisionFixture.java",
            "WrapperFixture.java", "WrapperUser.java", "LockEffectFixture.java"})
    void findsExactlyTheMarkedLines(String sourceFile) {
        Set<String> actual = result.findings().stream()
                .filter(f -> f.sourcePath().equals(Fixtures.PACKAGE_DIR + "/" + sourceFile))
                .map(f -> f.rule().id() + "@" + f.line())
                .collect(Collectors.toSet());
        assertThat(actual)
                .as("findings in %s:%n%s", sourceFile, new TextReport().toString(result))
                .containsExactlyInAnyOrderElementsOf(Fixtures.expected(sourceFile));
    }

    @Test
    void everyRuleIsExercised() {
        Set<StaticRule> rules = result.findings().stream().map(Finding::rule).collect(Collectors.toSet());
        assertThat(rules).containsExactlyInAnyOrder(StaticRule.values());
    }

    @Test
    void fixturesReadCleanly() {
        assertThat(result.errors()).isEmpty();
        assertThat(result.truncatedMethods()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(VerificationResult.EXIT_FINDINGS);
    }

    @Test
    void seed001PatternIsCleanOnItsOwn() {
        VerificationResult seed = new StaticVerifier().verify(List.of(Fixtures.classFile("Seed001Fixture")));
        assertThat(seed.findings()).isEmpty();
        assertThat(seed.methodsAnalysed()).isGreaterThanOrEqualTo(2);
        assertThat(seed.exitCode()).isEqualTo(VerificationResult.EXIT_CLEAN);
    }

    @Test
    void traceEndsAtTheFindingAndStartsBeforeTheAcquire() {
        Finding f = result.findings().stream()
                .filter(x -> x.methodName().equals("badLockThenReturn"))
                .findFirst().orElseThrow();
        assertThat(f.trace()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(f.trace().getLast()).isEqualTo(f.line());
        assertThat(f.trace().getFirst()).isLessThan(f.line());
        assertThat(f.message()).contains("lock()").contains("this.lock").contains("finally");
    }

    @Test
    void lambdaAndInnerClassFindingsNameTheirMethods() {
        assertThat(result.findings()).anySatisfy(f -> {
            assertThat(f.className()).isEqualTo("io.github.irq4j.verify.fixtures.LockReleaseFixture");
            assertThat(f.methodName()).startsWith("lambda$badLambdaLeak$");
        });
        assertThat(result.findings()).anySatisfy(f -> {
            assertThat(f.className()).startsWith("io.github.irq4j.verify.fixtures.LockReleaseFixture$");
            assertThat(f.fullyQualifiedName()).endsWith(".onWorkItem");
            assertThat(f.message()).contains("interrupt");
        });
    }

    @Test
    void messagesNameTheLockAndTheFix() {
        Finding f = result.findings().stream()
                .filter(x -> x.methodName().equals("badDoubleAcquire"))
                .findFirst().orElseThrow();
        assertThat(f.rule()).isEqualTo(StaticRule.WDF_INTERRUPT_LOCK);
        assertThat(f.message()).contains("this.irq").contains("already holds").contains("releaseLock()");
    }
}

package io.github.irq4j.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** @SuppressLockFinding, baselines keyed by fingerprints, rule selection and class patterns. */
class SuppressionsAndBaselineTest {

    @TempDir
    Path tmp;

    private static VerificationResult verify(VerifierOptions o, String... fixtures) {
        List<Path> paths = java.util.Arrays.stream(fixtures).map(Fixtures::classFile).toList();
        return new StaticVerifier(StaticVerifier.class.getClassLoader(), o).verify(paths);
    }

    @Test
    void annotationSuppressesWithItsReason() {
        VerificationResult r = verify(VerifierOptions.defaults(), "SuppressionFixture", "SuppressionFixture$Held");
        assertThat(r.findings()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(VerificationResult.EXIT_CLEAN);
        assertThat(r.suppressed()).hasSize(2).allSatisfy(f -> assertThat(f.suppression().kind()).isEqualTo(Suppression.Kind.IN_SOURCE));
        assertThat(r.suppressed()).extracting(f -> f.suppression().justification())
                .containsExactlyInAnyOrder("the caller's finally block unlocks; see release()", "test double: locks are left held on purpose");
        assertThat(TextReport.summaryLine(r)).endsWith(", 2 suppressed");
    }

    @Test
    void baselineAcceptsTheWrittenFindingsAndNothingNew() {
        VerificationResult before = verify(VerifierOptions.defaults(), "JucLockFixture");
        assertThat(before.findings()).isNotEmpty();
        Path file = tmp.resolve("b/irq4j-baseline.txt");
        Baseline.write(file, before.findings());
        Set<String> fps = Baseline.read(file);
        assertThat(fps).hasSize(before.findings().size());
        VerificationResult after = verify(VerifierOptions.defaults().baseline(fps), "JucLockFixture", "PrecisionFixture");
        assertThat(after.findings()).allSatisfy(f -> assertThat(f.className()).endsWith("PrecisionFixture")).isNotEmpty();
        assertThat(after.suppressed()).hasSize(before.findings().size())
                .allSatisfy(f -> assertThat(f.suppression().kind()).isEqualTo(Suppression.Kind.BASELINE));
    }

    @Test
    void fingerprintIgnoresLineNumbersAndIsUnique() {
        Finding a = new Finding(StaticRule.LOCK_RELEASE, "p.C", "m", "()V", "p/C.java", 10, "returns at line 10 holding x", List.of());
        Finding moved = new Finding(StaticRule.LOCK_RELEASE, "p.C", "m", "()V", "p/C.java", 14, "returns at line 14 holding x", List.of());
        assertThat(moved.fingerprint()).isEqualTo(a.fingerprint()).hasSize(32);
        assertThat(a.withOccurrence(1).fingerprint()).isNotEqualTo(a.fingerprint());
        VerificationResult r = verify(VerifierOptions.defaults(), "JucLockFixture", "PrecisionFixture", "LockReleaseFixture");
        assertThat(r.findings().stream().map(Finding::fingerprint).distinct()).hasSize(r.findings().size());
    }

    @Test
    void badBaselineFilesSayWhatToDo() throws Exception {
        assertThatThrownBy(() -> Baseline.read(tmp.resolve("none.txt"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("--write-baseline");
        Path bad = Files.writeString(tmp.resolve("bad.txt"), "# header\nnot-a-fingerprint LockRelease x\n");
        assertThatThrownBy(() -> Baseline.read(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }

    @Test
    void rulesCanBeDisabledOrSelected() {
        VerificationResult off = verify(VerifierOptions.defaults().disable(List.of("LockRelease")), "JucLockFixture");
        assertThat(off.findings()).noneMatch(f -> f.rule() == StaticRule.LOCK_RELEASE);
        VerificationResult only = verify(VerifierOptions.defaults().only(List.of("UnlockNotHeld")), "PrecisionFixture");
        assertThat(only.findings()).isNotEmpty().allMatch(f -> f.rule() == StaticRule.UNLOCK_NOT_HELD);
        assertThatThrownBy(() -> VerifierOptions.defaults().disable(List.of("NoSuchRule")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoSuchRule").hasMessageContaining("LockRelease");
    }

    @Test
    void includesAndExcludesSelectClasses() {
        VerificationResult ex = verify(VerifierOptions.defaults().exclude(List.of("**.JucLock*")), "JucLockFixture", "PrecisionFixture");
        assertThat(ex.findings()).isNotEmpty().noneMatch(f -> f.className().endsWith("JucLockFixture"));
        VerificationResult in = verify(VerifierOptions.defaults().include(List.of("io.github.irq4j.verify.fixtures.JucLockFixture")),
                "JucLockFixture", "PrecisionFixture");
        assertThat(in.findings()).isNotEmpty().allMatch(f -> f.className().endsWith("JucLockFixture"));
        assertThatThrownBy(() -> VerifierOptions.defaults().include(List.of("com/example")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a class pattern");
    }

    @Test
    void suppressionWithoutReasonOrWithUnknownRuleIsAnInputError() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path file = Files.writeString(src.resolve("Careless.java"), """
                import io.github.irq4j.SuppressLockFinding;
                public class Careless {
                    final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
                    @SuppressLockFinding(rule = "LockRelease", reason = " ")
                    void noReason() { lock.lock(); }
                    @SuppressLockFinding(rule = "LockLeak", reason = "typo in the rule id")
                    void unknownRule() { lock.lock(); }
                }
                """);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String cp = Path.of(io.github.irq4j.SuppressLockFinding.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", cp, "-d", classes.toString(), file.toString());
        assertThat(rc).isZero();
        VerificationResult r = new StaticVerifier().verify(List.of(classes));
        assertThat(r.findings()).hasSize(2).allMatch(f -> f.rule() == StaticRule.LOCK_RELEASE);
        assertThat(r.suppressed()).isEmpty();
        assertThat(r.errors()).extracting(InputError::message)
                .anyMatch(m -> m.contains("gives no reason") && m.contains("reason = "))
                .anyMatch(m -> m.contains("\"LockLeak\"") && m.contains("names no rule") && m.contains("LockRelease"));
    }
}

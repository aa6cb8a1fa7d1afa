package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.InterruptExtendedPolicy;
import io.github.irq4j.InterruptPolicy;
import io.github.irq4j.InterruptPriority;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With this module on the class path, a program that uses only in-process sources links no
 * native function: the JDK's native-access warning does not appear without
 * {@code --enable-native-access}. Before, the dispatch-thread tuner linked {@code sched_*} for
 * every connect, whatever the source.
 */
class NativeAccessWarningTest {

    @Test
    void anInProcessOnlyProgramPrintsNoNativeAccessWarning() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", classPath, InProcessOnlyProgram.class.getName()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
        String stdout = new String(out, StandardCharsets.UTF_8);
        String stderr = new String(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code; stderr: %s", stderr).isZero();
        assertThat(stdout).contains("isr calls: 1");
        assertThat(stdout).contains("scheduler=nice 0");               // the tuner still reported the policy
        assertThat(stderr).doesNotContain("WARNING: A restricted method");
    }

    @Test
    void theProcReadingAgreesWithTheSystemCalls() throws Exception {
        ProcSched now = ProcSched.currentThread();
        assertThat(now).isNotNull();
        assertThat(now.processAffinityMask()).isEqualTo(Sched.getAffinity(Sched.getpid()));
        assertThat(now.affinityMask()).isEqualTo(Sched.getAffinity(0));
        assertThat(now.nice()).isEqualTo(Sched.getNice());
        assertThat(now.policy()).isEqualTo(Sched.getScheduler());
        assertThat(ProcSched.cpusAllowed("Name:\tx\nCpus_allowed:\tff,0000000f\n")).isEqualTo(0xff_0000000fL);
        assertThat(ProcSched.cpusAllowed("Name:\tx\n")).isZero();
    }

    @Test
    void aNonDefaultPolicyStillGoesToTheKernel() {
        assertThat(LinuxDispatchThreadTuner.alreadyInForce(
                new InterruptExtendedPolicy(InterruptPolicy.SPECIFIED_PROCESSORS, InterruptPriority.NORMAL, 1, 0))).isNull();
        assertThat(LinuxDispatchThreadTuner.alreadyInForce(
                new InterruptExtendedPolicy(InterruptPolicy.MACHINE_DEFAULT, InterruptPriority.LOW, 0, 0))).isNull();
    }
}

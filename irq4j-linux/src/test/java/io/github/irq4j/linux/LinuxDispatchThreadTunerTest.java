package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.AppliedPolicy;
import io.github.irq4j.InterruptExtendedPolicy;
import io.github.irq4j.InterruptPolicy;
import io.github.irq4j.InterruptPriority;
import io.github.irq4j.spi.DispatchThreadTuner;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The tuner against the real scheduler; each case runs on a fresh thread, as a dispatch thread would. */
class LinuxDispatchThreadTunerTest {

    private static AppliedPolicy applyOnFreshThread(InterruptExtendedPolicy policy) throws Exception {
        CompletableFuture<AppliedPolicy> result = new CompletableFuture<>();
        Thread.ofPlatform().name("tuner-test").start(() -> {
            try {
                result.complete(new LinuxDispatchThreadTuner().applyToCurrentThread(policy));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    private static InterruptExtendedPolicy policy(InterruptPolicy p, InterruptPriority prio, long set) {
        return new InterruptExtendedPolicy(p, prio, set, 0);
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(DispatchThreadTuner.class).stream().map(ServiceLoader.Provider::type))
                .contains(LinuxDispatchThreadTuner.class);
    }

    @Test
    void specifiedProcessorsBecomeTheAffinity() throws Exception {
        AppliedPolicy applied = applyOnFreshThread(policy(InterruptPolicy.SPECIFIED_PROCESSORS, InterruptPriority.NORMAL, 0b1));
        assertThat(applied.affinityMask()).isEqualTo(1L);
        assertThat(applied.scheduler()).isEqualTo("nice 0");
        assertThat(applied.note()).isEmpty();
    }

    @Test
    void oneCloseProcessorIsOneCpu() throws Exception {
        AppliedPolicy applied = applyOnFreshThread(policy(InterruptPolicy.ONE_CLOSE_PROCESSOR, InterruptPriority.NORMAL, 0));
        assertThat(Long.bitCount(applied.affinityMask())).isEqualTo(1);
    }

    @Test
    void machineDefaultAllowsEveryCpuOfTheProcess() throws Exception {
        long allowed = Sched.getAffinity(Sched.getpid());
        AppliedPolicy applied = applyOnFreshThread(InterruptExtendedPolicy.DEFAULT);
        assertThat(applied.affinityMask()).isEqualTo(allowed);
        assertThat(Long.bitCount(allowed)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void lowPriorityIsNiceTen() throws Exception {
        AppliedPolicy applied = applyOnFreshThread(policy(InterruptPolicy.MACHINE_DEFAULT, InterruptPriority.LOW, 0));
        assertThat(applied.scheduler()).isEqualTo("nice " + LinuxDispatchThreadTuner.LOW_NICE);
    }

    @Test
    void highPriorityIsFifoOrSaysWhyNot() throws Exception {
        AppliedPolicy applied = applyOnFreshThread(policy(InterruptPolicy.MACHINE_DEFAULT, InterruptPriority.HIGH, 0));
        if (applied.scheduler().startsWith("SCHED_FIFO")) {
            assertThat(applied.scheduler()).isEqualTo("SCHED_FIFO " + LinuxDispatchThreadTuner.HIGH_FIFO_PRIORITY);
            assertThat(applied.note()).isEmpty();
        } else {
            assertThat(applied.note()).contains("SCHED_FIFO 50 not permitted");
            assertThat(applied.scheduler()).startsWith("nice ");
        }
    }

    @Test
    void processorsOutsideTheProcessAreReportedNotApplied() throws Exception {
        long allowed = Sched.getAffinity(Sched.getpid());
        long outside = ~allowed & (1L << 63);
        if (outside == 0) {
            return;   // a 64-CPU process: nothing lies outside
        }
        AppliedPolicy applied = applyOnFreshThread(policy(InterruptPolicy.SPECIFIED_PROCESSORS, InterruptPriority.NORMAL, outside));
        assertThat(applied.note()).contains("not allowed to this process");
        assertThat(applied.affinityMask()).isNotZero();
    }
}

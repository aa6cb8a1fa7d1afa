package io.github.irq4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.MemoryResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterministicSchedulerTest {

    static final int SEEDS = 200;

    @Test
    void theSameSeedGivesTheSameSchedule() {
        Explorer.Outcome first = Explorer.replay(42, new UartScenario(CorrectUartDriver::new));
        Explorer.Outcome second = Explorer.replay(42, new UartScenario(CorrectUartDriver::new));
        assertThat(first.failure()).isNull();
        assertThat(first.trace()).hasSizeGreaterThan(10).isEqualTo(second.trace());
        assertThat(first.trace()).anyMatch(e -> e.contains(" isr ")).anyMatch(e -> e.contains("work-item"))
                .anyMatch(e -> e.contains("action read#")).anyMatch(e -> e.contains("event uart0.rx"));

        Explorer.Outcome other = Explorer.replay(43, new UartScenario(CorrectUartDriver::new));
        assertThat(other.trace()).isNotEqualTo(first.trace());
    }

    @Test
    void theCorrectDriverPassesEverySeed() {
        Explorer.Outcome failure = Explorer.explore(1, SEEDS, new UartScenario(CorrectUartDriver::new));
        assertThat(failure).as(() -> failure.report()).isNull();
    }

    @Test
    void theBrokenDriverIsCaughtAndItsSeedReplaysExactly() {
        Explorer.Outcome failure = Explorer.explore(1, SEEDS, new UartScenario(BrokenUartDriver::new), System.out);
        assertThat(failure).as("the unlocked read path must be caught within " + SEEDS + " seeds").isNotNull();
        assertThat(failure.failure()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("bytes delivered, in order, exactly once");
        assertThat(failure.trace()).as("the ISR preempted the unlocked read path")
                .anyMatch(e -> e.contains("preempt at uart0.regs+0x10 (write): isr"));
        assertThat(failure.report()).contains("seed " + failure.seed() + " failed").contains("Explorer.replay(" + failure.seed() + "L");

        Explorer.Outcome replay = Explorer.replay(failure.seed(), new UartScenario(BrokenUartDriver::new));
        assertThat(replay.failed()).isTrue();
        assertThat(replay.trace()).isEqualTo(failure.trace());
        assertThat(replay.failure()).hasMessage(failure.failure().getMessage());
    }

    @Test
    void noIsrRunsWhileTheInterruptLockIsHeld() {
        Simulation sim = new Simulation();
        SimInterruptController pic = new SimInterruptController("sim-pic", LineMode.LEVEL);
        SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), 64);
        CorrectUartDriver driver = new CorrectUartDriver();
        try (DeterministicScheduler scheduler = new DeterministicScheduler(7, sim);
             Host host = Host.builder().environment(scheduler).build()) {
            Device device = host.addDevice("uart0", driver,
                    List.of(pic.resource("uart0.irq", 0), new MemoryResource("uart0.regs", uart.registers())));
            host.start(device);
            uart.feed(new byte[] {1, 2, 3});
            scheduler.execute(() -> assertThat(driver.interrupt.tryToAcquireLock()).isTrue());
            int steps = scheduler.runUntilIdle();
            assertThat(steps).isZero();
            assertThat(driver.isrCalls).isZero();
            assertThat(scheduler.trace()).anyMatch(e -> e.contains("blocked: an interrupt lock is held"));

            scheduler.execute(() -> {
                for (int i = 0; i < 50; i++) {
                    driver.regs.read32(SimUart.STATUS); // preemption points: the lock is held, no ISR
                }
                driver.interrupt.releaseLock();
            });
            assertThat(driver.isrCalls).isZero();
            scheduler.runUntilIdle();
            assertThat(driver.delivered()).containsExactly(1, 2, 3);
            host.stop(device);
            assertThat(host.violations()).isEmpty();
        }
    }

    @Test
    void flushWaitsDoNotDeadlockOnTheSingleFrameworkThread() {
        Simulation sim = new Simulation();
        SimInterruptController pic = new SimInterruptController("sim-pic", LineMode.LEVEL);
        SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), 64);
        CorrectUartDriver driver = new CorrectUartDriver();
        try (DeterministicScheduler scheduler = new DeterministicScheduler(3, sim).timeoutMs(20_000);
             Host host = Host.builder().environment(scheduler).build()) {
            Device device = host.addDevice("uart0", driver,
                    List.of(pic.resource("uart0.irq", 0), new MemoryResource("uart0.regs", uart.registers())));
            host.start(device);

            // disable() on the framework thread with the work item queued: the flush runs it inline.
            uart.feed(new byte[] {9});
            scheduler.execute(() -> {
                driver.interrupt.queueWorkItemForIsr();
                driver.interrupt.disable();
            });
            assertThat(driver.interrupt.statistics().workItemRuns()).isEqualTo(1);
            assertThat(scheduler.trace()).anyMatch(e -> e.contains("flush work-item uart0.irq work item"));
            driver.interrupt.enable();

            // host.stop() on the driving thread with the work item queued: the flush hands it over.
            scheduler.execute(() -> driver.interrupt.queueWorkItemForIsr());
            host.stop(device);
            assertThat(driver.interrupt.statistics().workItemRuns()).isEqualTo(2);
            assertThat(host.faults()).isEmpty();
        }
    }

    @Test
    void aThrowingActionFailsTheRunWithSeedAndSchedule() {
        try (DeterministicScheduler scheduler = new DeterministicScheduler(5, new Simulation())) {
            scheduler.script("ok", () -> { });
            scheduler.scriptAt(2_000, "boom", () -> {
                throw new IllegalStateException("driver bug");
            });
            assertThatThrownBy(scheduler::runUntilIdle)
                    .isInstanceOfSatisfying(ScheduleFailure.class, f -> {
                        assertThat(f.seed()).isEqualTo(5);
                        assertThat(f.trace()).last().asString().contains("action boom");
                    })
                    .hasMessageContaining("seed 5: IllegalStateException: driver bug")
                    .hasMessageContaining("time -> 2000ns");
        }
    }

    @Test
    void aPeriodicDeviceIsRunUntilAVirtualTime() {
        Simulation sim = new Simulation();
        SimInterruptController pic = new SimInterruptController("pic", LineMode.EDGE);
        SimTimer timer = new SimTimer("timer0", sim, pic, 0, 1_000_000L);
        try (DeterministicScheduler scheduler = new DeterministicScheduler(1, sim).maxSteps(1_000)) {
            timer.start();
            scheduler.runUntil(10_000_000L);
            assertThat(timer.expirations()).isEqualTo(10);
            assertThat(scheduler.clock().nanoTime()).isEqualTo(10_000_000L);
            assertThatThrownBy(scheduler::runUntilIdle)
                    .isInstanceOf(ScheduleFailure.class).hasMessageContaining("use runUntil(virtualNanos)");
        }
    }
}

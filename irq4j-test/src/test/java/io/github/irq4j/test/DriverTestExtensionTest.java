package io.github.irq4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Fault;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.sim.DeterministicScheduler;
import io.github.irq4j.sim.SimTimer;
import io.github.irq4j.sim.SimUart;
import io.github.irq4j.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The extension's behaviour, on small example classes run through the Jupiter engine (they are
 * nested, so Surefire does not run them on their own).
 */
class DriverTestExtensionTest {

    static final List<String> SEEN = new ArrayList<>();

    /** A driver whose ISR throws: the host contains it as a fault. */
    static final Driver THROWING_ISR = device -> device.createInterrupt(InterruptConfig.builder((i, m) -> {
        throw new IllegalStateException("ISR bug");
    }).name(device.name() + ".irq").build());

    @DriverTest
    static class ParametersExample {
        @org.junit.jupiter.api.Test
        void everythingIsInjected(SimHost host, @Uart(name = "rx", fifo = 8) SimUart named, SimUart unnamed,
                                  @Timer(periodNs = 5_000) SimTimer timer, Host h, DeterministicScheduler s, Simulation sim) {
            SEEN.add(named.name() + "," + unnamed.name() + "," + timer.name() + "," + named.registers().read32(SimUart.FIFO_SIZE)
                    + "," + timer.registers().read64(SimTimer.PERIOD_NS) + "," + host.seed() + "," + (h == host.host())
                    + "," + (s == host.scheduler()) + "," + (sim == host.simulation()) + "," + host.resources("rx").size());
        }
    }

    @Test
    void aPlainTestGetsAHostAndTheModelsItAsksFor() {
        SEEN.clear();
        Kits.run(ParametersExample.class.getName()).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(SEEN).containsExactly("rx,uart0,timer0,8,5000," + DriverTest.DEFAULT_SEED + ",true,true,true,2");
    }

    @DriverTest
    static class OddSeedsFailExample {
        @Explore(seeds = 6, firstSeed = 10, stopAtFirstFailure = false)
        void all(SimHost host) {
            assertThat(host.seed() % 2).as("seed parity").isZero();
        }

        @Explore(seeds = 6, firstSeed = 11)
        void stopping(SimHost host) {
            assertThat(host.seed() % 2).as("seed parity").isZero();
        }
    }

    @Test
    void eachSeedIsATestAndStopAtFirstFailureDecidesWhetherTheRestRun() {
        EngineExecutionResults r = Kits.run(OddSeedsFailExample.class.getName());
        assertThat(Kits.names(r)).containsExactly("seed 10", "seed 11", "seed 12", "seed 13", "seed 14", "seed 15", "seed 11");
        List<Throwable> f = Kits.failures(r);
        assertThat(f).hasSize(4);
        assertThat(f.get(0)).hasMessageStartingWith("seed 11 failed").hasMessageNotContaining("not run");
        assertThat(f.get(3)).hasMessageStartingWith("seed 11 failed")
                .hasMessageContaining("the first seed failed; seeds 12..16 not run (stopAtFirstFailure)");
        assertThat(f).allSatisfy(t -> assertThat(((ExplorationFailure) t).seed() % 2).isOne());
    }

    @DriverTest
    static class UnassertedFaultExample {
        @Explore(seeds = 2)
        void faultNotAsserted(SimHost host, SimUart uart) {
            host.start(THROWING_ISR, uart);
            uart.feed((byte) 1);
            host.runUntil(10_000);
        }

        @Explore(seeds = 2)
        void faultAsserted(SimHost host, SimUart uart) {
            host.start(THROWING_ISR, uart);
            uart.feed((byte) 1);
            host.runUntil(10_000);
            DriverAssertions.assertThat(host).hasFault(Fault.Kind.CALLBACK_EXCEPTION);
        }
    }

    @Test
    void aFaultTheTestDidNotAssertFailsItAtTheEnd() {
        EngineExecutionResults r = Kits.run(UnassertedFaultExample.class.getName());
        List<Throwable> f = Kits.failures(r);
        assertThat(f).hasSize(1);
        assertThat(f.get(0)).isInstanceOf(ExplorationFailure.class)
                .hasMessageContaining("seed 1 failed: the run ended with")
                .hasMessageContaining("contained fault(s) the test did not assert")
                .hasMessageContaining("ISR bug");
        r.testEvents().assertStatistics(s -> s.succeeded(2).failed(1));
    }

    /** The guide's fixed driver, a passing body with preemptions: explored, and one seed replayed. */
    static void sensorBody(SimHost host, com.example.sensor.SensorModel sensor) {
        com.example.sensor.SensorDriver driver = new com.example.sensor.FixedSensorDriver();
        host.start(driver, sensor.device());
        sensor.measureAt(1_000, new byte[] {1, 2, 3, 4, 5, 6});
        sensor.measureAt(2_000, new byte[] {7, 8, 9, 10, 11, 12});
        for (int r = 0; r < 3; r++) {
            host.scriptAt(800L * r + 500, "read#" + r, () -> driver.read(4));
        }
        host.runUntilIdle();
    }

    @DriverTest
    static class PassingExploreExample {
        @Explore(seeds = 8)
        void explore(SimHost host, @Model(value = com.example.sensor.SensorModel.Factory.class, name = "sensor0")
                com.example.sensor.SensorModel sensor) {
            sensorBody(host, sensor);
        }

        @Replay(seed = 5)
        void replay(SimHost host, @Model(value = com.example.sensor.SensorModel.Factory.class, name = "sensor0")
                com.example.sensor.SensorModel sensor) {
            sensorBody(host, sensor);
        }
    }

    @Test
    void aReplayOfAPassingSeedTakesTheSameScheduleAsItsExploration() {
        EngineExecutionResults r = Kits.run(PassingExploreExample.class.getName());
        r.testEvents().assertStatistics(s -> s.succeeded(9).failed(0));
        List<String> prints = Kits.fingerprints(r);
        assertThat(prints).hasSize(9);
        assertThat(prints.stream().filter(p -> p.startsWith("5: ")).toList()).as("seed 5 explored and replayed")
                .hasSize(2).satisfies(l -> assertThat(l.get(0)).isEqualTo(l.get(1)));
        assertThat(prints.stream().map(p -> p.substring(p.indexOf(": ") + 2)).distinct().count())
                .as("the seeds do not all take one schedule").isGreaterThan(1);
        Exploration.Result programmatic = Exploration.replay(5, host -> sensorBody(host,
                new com.example.sensor.SensorModel.Factory().create(host, "sensor0")));
        assertThat("5: " + programmatic.interleaving().fingerprint()).as("Exploration.replay: the same schedule again")
                .isEqualTo(prints.stream().filter(p -> p.startsWith("5: ")).findFirst().orElseThrow());
    }

    static class BothExample {
        @Explore(seeds = 2)
        @Replay(seed = 1)
        void both(SimHost host) {
        }
    }

    @Test
    void exploreAndReplayOnOneMethodIsAConfigurationError() {
        EngineExecutionResults r = Kits.run(BothExample.class.getName());
        assertThat(r.containerEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .toList()).anySatisfy(t -> assertThat(t).hasMessageContaining("both @Explore and @Replay"));
    }

    @Test
    void theProgrammaticExplorationStopsAtTheFirstFailureAndReplaysIt() {
        Exploration.Result r = Exploration.explore(3, 10, host -> assertThat(host.seed()).isLessThan(6));
        assertThat(r.failed()).isTrue();
        assertThat(r.seedsRun()).as("seeds 3..6, the failing one included").isEqualTo(4);
        assertThat(r.lastSeed()).isEqualTo(6);
        assertThat(r.failure().getMessage()).contains("seeds 3..5 passed; seeds 7..12 not run").contains("Exploration.replay(6L, body)");
        assertThat(Exploration.explore(1, 5, host -> { }).failed()).isFalse();
        assertThatThrownBy(() -> Exploration.explore(1, 0, host -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHostRejectsUnknownDevicesAndDuplicateNamesWithWhatToDo() {
        try (SimHost host = new SimHost(1)) {
            host.uart("uart0", 16);
            assertThatThrownBy(() -> host.uart("uart0", 16)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already has a line");
            assertThatThrownBy(() -> host.start("nope", THROWING_ISR)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no device 'nope'").hasMessageContaining("[uart0]");
            assertThatThrownBy(() -> host.attach("x", null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("levelLine(\"x\")");
            Device d = host.start(THROWING_ISR, host.timer("t0", 10_000, true));
            assertThat(d.interrupts()).hasSize(1);
        }
    }
}

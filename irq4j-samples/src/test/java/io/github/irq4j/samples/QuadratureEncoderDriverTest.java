package io.github.irq4j.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.Device;
import io.github.irq4j.DriverCallbackException;
import io.github.irq4j.Host;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The quadrature encoder driver on a simulated GPIO line pair (the gpio-sim run is in the QEMU guest). */
class QuadratureEncoderDriverTest {

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(200_000);
        }
    }

    private static List<InterruptResource> pair(SimGpioLines lines) {
        return List.of(InterruptResource.line("A", lines, 0, InterruptMode.LATCHED),
                InterruptResource.line("B", lines, 1, InterruptMode.LATCHED));
    }

    @Test
    void countsStepsAndDirectionEdgeByEdge() throws Exception {
        SimGpioLines lines = new SimGpioLines(2, 16);
        QuadratureEncoderDriver driver = new QuadratureEncoderDriver();
        AtomicLong reported = new AtomicLong(Long.MIN_VALUE);
        driver.setPositionListener(reported::set);
        try (Host host = Host.builder().build()) {
            Device device = host.addDevice("encoder", driver, pair(lines));
            host.start(device);
            QuadratureSignal signal = new QuadratureSignal();
            for (int i = 0; i < 21; i++) {
                signal.step(+1, lines::set);
                long expected = i + 1;
                await("position " + expected, () -> driver.position() == expected);
            }
            assertThat(driver.direction()).isEqualTo(+1);
            for (int i = 0; i < 8; i++) {
                signal.step(-1, lines::set);
                long expected = 20 - i;
                await("position " + expected, () -> driver.position() == expected);
            }
            assertThat(driver.direction()).isEqualTo(-1);
            assertThat(driver.steps()).isEqualTo(29);
            assertThat(driver.invalidTransitions()).isZero();
            assertThat(driver.lostEdges()).isZero();
            await("the DPC reports position 13", () -> reported.get() == 13);
            host.stop(device);
            assertThat(host.violations()).isEmpty();
            assertThat(host.faults()).isEmpty();
        }
    }

    @Test
    void aBurstBeyondTheFifoIsCountedLostAndSeenAsInvalidTransitions() throws Exception {
        SimGpioLines lines = new SimGpioLines(2, 4);
        QuadratureEncoderDriver driver = new QuadratureEncoderDriver();
        try (Host host = Host.builder().build()) {
            Device device = host.addDevice("encoder", driver, pair(lines));
            host.start(device);
            QuadratureSignal signal = new QuadratureSignal();
            // Hold the FIFO: drive 10 edges atomically with respect to the dispatch thread's poll.
            synchronized (lines) {
                for (int i = 0; i < 10; i++) {
                    signal.step(+1, lines::set);
                }
            }
            await("4 edges delivered", () -> lines.delivered(0) + lines.delivered(1) == 4);
            assertThat(driver.lostEdges()).isEqualTo(6);
            // The FIFO kept the last 4 edges, A fall, B fall, A rise, B rise; the decoder still stands at
            // AB = 00, so the two falls change nothing (invalid) and the two rises are two forward steps.
            assertThat(driver.invalidTransitions()).isEqualTo(2);
            assertThat(driver.steps()).isEqualTo(2);
            assertThat(driver.position()).isEqualTo(2);
            host.stop(device);
            assertThat(host.violations()).isEmpty();
        }
    }

    @Test
    void refusesADeviceWithoutTwoEdgeLines() {
        try (Host host = Host.builder().build()) {
            SimGpioLines one = new SimGpioLines(1, 16);
            assertThatThrownBy(() -> host.addDevice("encoder", new QuadratureEncoderDriver(),
                    List.of(InterruptResource.line("A", one, 0, InterruptMode.LATCHED))))
                    .isInstanceOf(DriverCallbackException.class)
                    .rootCause().hasMessageContaining("needs exactly two");
        }
    }
}

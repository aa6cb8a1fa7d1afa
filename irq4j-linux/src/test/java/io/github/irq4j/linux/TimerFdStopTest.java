package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** {@link TimerFdSource#stop()} against the real kernel: the expirations its disarm erases are counted. */
class TimerFdStopTest {

    @Test
    void stoppingATimerNobodyReadCountsItsUnreadExpirationsAsLost() throws Exception {
        long period = TimeUnit.MILLISECONDS.toNanos(1);
        try (TimerFdSource timer = new TimerFdSource("tfd-stop", period)) {
            timer.start();
            long armed = System.nanoTime();
            // 50 periods pass with nothing connected, so nothing reads the timerfd
            while (System.nanoTime() - armed < 50 * period) {
                LockSupport.parkNanos(period);
            }
            assertThat(timer.lostSignals(0)).isZero();
            timer.stop();
            // the disarm resets the kernel's count: before the fix these 50 ticks vanished (lost 0)
            long lost = timer.lostSignals(0);
            assertThat(lost).as("unread expirations counted at stop").isGreaterThanOrEqualTo(10).isLessThanOrEqualTo(10_000);
            // a disarmed timer adds nothing more
            long stopped = System.nanoTime();
            while (System.nanoTime() - stopped < 5 * period) {
                LockSupport.parkNanos(period);
            }
            timer.stop();
            assertThat(timer.lostSignals(0)).isEqualTo(lost);
        }
    }
}

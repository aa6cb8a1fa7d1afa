package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.spi.InterruptSource;
import io.github.irq4j.spi.SignalHandler;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The measuring decorator: what it records per signal, and that its recorders never resize. */
class MeasuringSourceTest {

    /** A source whose poll delivers {@code perPoll} signals, each one taking {@code busyNs} in the handler chain. */
    private static final class Fake implements InterruptSource {
        int perPoll = 1;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public int messageCount() {
            return 1;
        }

        @Override
        public int poll(SignalHandler handler) {
            for (int i = 0; i < perPoll; i++) {
                handler.onSignal(0, 1);
            }
            return perPoll;
        }

        @Override
        public void await(long timeoutNanos) {
        }

        @Override
        public void wakeup() {
        }

        @Override
        public void mask(int message) {
        }

        @Override
        public void unmask(int message) {
        }

        @Override
        public void disconnect() {
        }
    }

    @Test
    void everySignalIsRecordedOnceAndCollectAddsItToTheTotalsAndTheSums() throws Exception {
        Fake fake = new Fake();
        fake.perPoll = 3;
        MeasuringSource m = new MeasuringSource(fake);
        int[] calls = new int[1];
        m.await(0);
        m.poll((message, count) -> calls[0]++);
        m.poll((message, count) -> calls[0]++);
        assertThat(calls[0]).isEqualTo(6);
        Histogram dispatchSum = Monitor.newHistogram();
        Histogram isrSum = Monitor.newHistogram();
        m.latency().collect(dispatchSum, isrSum);
        assertThat(m.latency().isrTotal.getTotalCount()).isEqualTo(6);
        assertThat(isrSum.getTotalCount()).isEqualTo(6);
        assertThat(m.latency().dispatchTotal.getTotalCount()).isEqualTo(6);
        assertThat(dispatchSum.getTotalCount()).isEqualTo(6);
        // a second collect adds only what came since the first (the interval histogram is recycled, not re-added)
        m.poll((message, count) -> calls[0]++);
        m.latency().collect(dispatchSum, isrSum);
        assertThat(m.latency().isrTotal.getTotalCount()).isEqualTo(9);
        assertThat(isrSum.getTotalCount()).isEqualTo(9);
    }

    @Test
    void theRecordersHaveAFixedRangeAndValuesOutsideItAreClamped() {
        // a fixed range: an auto-resizing recorder grows by catching an exception on the recording thread
        assertThat(Monitor.newRecorder().getIntervalHistogram().isAutoResize()).isFalse();
        assertThat(Monitor.newHistogram().getHighestTrackableValue()).isGreaterThanOrEqualTo(Monitor.HIGHEST_NS);
        var r = Monitor.newRecorder();
        r.recordValue(Monitor.clamp(Long.MAX_VALUE));
        r.recordValue(Monitor.clamp(-5));
        Histogram h = r.getIntervalHistogram();
        assertThat(h.getTotalCount()).isEqualTo(2);
        assertThat(h.getMinValue()).isZero();
        assertThat(h.valuesAreEquivalent(h.getMaxValue(), Monitor.HIGHEST_NS)).isTrue();
    }
}

package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.Resource;
import io.github.irq4j.spi.InProcessInterruptSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A run with many sources ({@code sources=10000}): the first {@link Monitor#OWN_LATENCY_SOURCES}
 * get histograms of their own, the rest share one set, and a sample adds the shared set once, so
 * the totals stay exact.
 */
class SourceLatencyTest {

    @Test
    void sourcesPastTheLimitShareOneSetAndEverySignalIsCountedOnce() throws Exception {
        int n = Monitor.OWN_LATENCY_SOURCES + 6;
        List<Resource> resources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            resources.add(InterruptResource.line("irq" + i, new InProcessInterruptSource("s" + i, 1), 0, InterruptMode.LATCHED));
        }
        Monitor monitor = new Monitor();
        List<Resource> wrapped = monitor.wrap(resources);
        Set<SourceLatency> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        List<MeasuringSource> measuring = new ArrayList<>();
        for (Resource r : wrapped) {
            MeasuringSource m = (MeasuringSource) ((InterruptResource) r).source();
            measuring.add(m);
            distinct.add(m.latency());
        }
        assertThat(distinct).hasSize(Monitor.OWN_LATENCY_SOURCES + 1);
        for (int i = 0; i < Monitor.OWN_LATENCY_SOURCES; i++) {
            assertThat(measuring.get(i).latency().sources()).as("source %d", i).isEqualTo(1);
        }
        SourceLatency shared = measuring.get(Monitor.OWN_LATENCY_SOURCES).latency();
        assertThat(shared.sources()).isEqualTo(6);
        assertThat(measuring.get(n - 1).latency()).isSameAs(shared);

        // one signal on each source: the shared set counts its six once each, the sums all n
        for (MeasuringSource m : measuring) {
            InProcessInterruptSource s = (InProcessInterruptSource) m.delegate();
            s.connect();
            s.fire(0);
            assertThat(m.poll((message, count) -> { })).isEqualTo(1);
        }
        monitor.sample();
        assertThat(shared.isrTotal.getTotalCount()).isEqualTo(6);
        assertThat(measuring.getFirst().latency().isrTotal.getTotalCount()).isEqualTo(1);
        assertThat(monitor.isrDuration.getTotalCount()).isEqualTo(n);
        monitor.sample();   // nothing new: nothing added twice
        assertThat(monitor.isrDuration.getTotalCount()).isEqualTo(n);
        assertThat(shared.isrTotal.getTotalCount()).isEqualTo(6);
    }
}

package io.github.irq4j.cli;

import io.github.irq4j.spi.EdgeSource;
import io.github.irq4j.spi.InterruptSource;

/**
 * A {@link MeasuringSource} over an {@link EdgeSource} (a GPIO chip's lines) that is itself an
 * {@code EdgeSource}: a driver finds its edge lines by {@code source() instanceof EdgeSource} and
 * reads each edge's direction, timestamp and sequence number in its ISR, so the decorator the
 * command line puts around every source must not hide them. Each method forwards to the
 * delegate; nothing is added to the hot path beyond what {@code MeasuringSource} does.
 */
final class MeasuringEdgeSource extends MeasuringSource implements EdgeSource {

    private final EdgeSource edges;

    private MeasuringEdgeSource(EdgeSource delegate, SourceLatency latency) {
        super(delegate, latency);
        this.edges = delegate;
    }

    /** The measuring decorator of {@code source}, recording in {@code latency}: an {@code EdgeSource} too if {@code source} is one. */
    static MeasuringSource wrap(InterruptSource source, SourceLatency latency) {
        return source instanceof EdgeSource e ? new MeasuringEdgeSource(e, latency) : new MeasuringSource(source, latency);
    }

    @Override
    public int lastEdge(int message) {
        return edges.lastEdge(message);
    }

    @Override
    public long lastTimestampNs(int message) {
        return edges.lastTimestampNs(message);
    }

    @Override
    public long lastSequence(int message) {
        return edges.lastSequence(message);
    }

    @Override
    public boolean readLevel(int message) {
        return edges.readLevel(message);
    }
}

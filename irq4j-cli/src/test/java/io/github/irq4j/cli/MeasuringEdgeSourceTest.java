package io.github.irq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.Resource;
import io.github.irq4j.spi.EdgeSource;
import io.github.irq4j.spi.InterruptSource;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command line wraps every interrupt source in a measuring decorator; a GPIO driver finds its
 * lines by {@code source() instanceof EdgeSource} and reads each edge from it, so the decorator of
 * an edge source must be an edge source that forwards those reads (else {@code run --driver
 * ...QuadratureEncoderDriver --device gpio:...} found no edge line at all).
 */
class MeasuringEdgeSourceTest {

    @Test
    void anEdgeSourceStaysAnEdgeSourceAndItsEdgesAreForwarded() {
        EdgeSource edges = (EdgeSource) fake(EdgeSource.class);
        List<Resource> wrapped = new Monitor().wrap(List.of(InterruptResource.line("gpio17.irq", edges, 1, InterruptMode.LATCHED)));
        InterruptSource s = ((InterruptResource) wrapped.get(0)).source();
        assertThat(s).isInstanceOf(MeasuringSource.class).isInstanceOf(EdgeSource.class);
        EdgeSource e = (EdgeSource) s;
        assertThat(e.lastEdge(1)).isEqualTo(EdgeSource.FALLING_EDGE);
        assertThat(e.lastTimestampNs(1)).isEqualTo(1_000_001L);
        assertThat(e.lastSequence(1)).isEqualTo(43L);
        assertThat(e.readLevel(1)).isTrue();
        assertThat(e.readLevel(0)).isFalse();
        assertThat(((MeasuringSource) s).delegate()).isSameAs(edges);
    }

    @Test
    void anyOtherSourceIsNotMadeAnEdgeSource() {
        InterruptSource plain = fake(InterruptSource.class);
        List<Resource> wrapped = new Monitor().wrap(List.of(InterruptResource.line("efd.irq", plain, 0, InterruptMode.LATCHED)));
        InterruptSource s = ((InterruptResource) wrapped.get(0)).source();
        assertThat(s).isInstanceOf(MeasuringSource.class).isNotInstanceOf(EdgeSource.class);
    }

    /** A source answering the edge reads from the message number (falling edge, ts 1,000,000 + m, seq 42 + m, high iff m odd). */
    private static InterruptSource fake(Class<? extends InterruptSource> type) {
        return (InterruptSource) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "name" -> "fake";
                    case "messageCount" -> 2;
                    case "lastEdge" -> EdgeSource.FALLING_EDGE;
                    case "lastTimestampNs" -> 1_000_000L + (int) args[0];
                    case "lastSequence" -> 42L + (int) args[0];
                    case "readLevel" -> (int) args[0] % 2 == 1;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fake " + type.getSimpleName();
                    default -> method.getReturnType() == int.class ? 0 : method.getReturnType() == long.class ? 0L
                            : method.getReturnType() == boolean.class ? false : null;
                });
    }
}

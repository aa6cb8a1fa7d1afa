package io.github.irq4j;

import io.github.irq4j.spi.DeferredTask;
import io.github.irq4j.spi.DispatchLoop;
import io.github.irq4j.spi.ExecutionEnvironment;
import io.github.irq4j.spi.InProcessInterruptSource;
import java.util.List;

/**
 * A started host with one latched interrupt whose dispatch runs on the test's thread:
 * {@link #fireAndDispatch()} returns after the ISR's callback frame has left, so whatever the frame
 * emits is emitted by then, with no thread to wait for.
 */
final class InlineHost implements AutoCloseable {

    private static final class CallerEnvironment implements ExecutionEnvironment {
        volatile DispatchLoop loop;

        @Override
        public void startDispatcher(DispatchLoop l) {
            l.openSource();
            loop = l;
        }

        @Override
        public void stopDispatcher(DispatchLoop l) {
            loop = null;
            l.closeSource();
        }

        @Override
        public void schedule(DeferredTask task) {
            task.run();
        }

        @Override
        public void close() {
        }
    }

    final Host host;
    final Interrupt interrupt;
    private final InProcessInterruptSource source;
    private final CallerEnvironment environment = new CallerEnvironment();

    /** Device and interrupt {@code name}, ISR {@code isr}. */
    InlineHost(String name, InterruptIsr isr) {
        source = new InProcessInterruptSource(name, 1);
        host = Host.builder().verifierMode(VerifierMode.REPORT).environment(environment)
                .interruptStorm(StormPolicy.DEFAULT.withAction(StormPolicy.Action.REPORT)).build(); // a tight loop claims above the ceiling
        Interrupt[] made = new Interrupt[1];
        Device device = host.addDevice(name, d -> made[0] = d.createInterrupt(InterruptConfig.builder(isr).name(name).build()),
                List.of(InterruptResource.line(name + ".irq", source, 0, InterruptMode.LATCHED)));
        host.start(device);
        interrupt = made[0];
    }

    /** Fires the line and runs its dispatch here; returns the signals dispatched. */
    int fireAndDispatch() {
        source.fire(0);
        return environment.loop.pollOnce();
    }

    @Override
    public void close() {
        host.close();
    }
}

package io.github.irq4j.bench;

import io.github.irq4j.Device;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.StormPolicy;
import io.github.irq4j.VerifierMode;
import io.github.irq4j.spi.DeferredTask;
import io.github.irq4j.spi.DispatchLoop;
import io.github.irq4j.spi.ExecutionEnvironment;
import io.github.irq4j.spi.InProcessInterruptSource;
import io.github.irq4j.spi.InterruptSource;
import java.util.List;

/**
 * A started host whose one interrupt is dispatched on the caller's thread: {@link #fireAndDispatch()}
 * fires the in-process edge line and runs the dispatch loop's {@link DispatchLoop#pollOnce()}, which
 * takes the signal and runs the whole ISR dispatch path (line, interrupt lock, callback frame with
 * its watchdog timestamp and JFR events, ISR) with no thread hand-off, so a nanosecond of it shows.
 * The storm rule only reports here: the loop claims far above the default ceiling on purpose.
 */
public final class InlineDispatch implements AutoCloseable {

    /** Runs dispatch loops on the thread that calls {@link #fireAndDispatch()}; deferred calls are not used. */
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

    public final Host host;
    public final Interrupt interrupt;
    /** The in-process line {@link #fireAndDispatch()} fires, or null when the host was given another source. */
    private final InProcessInterruptSource source;
    private final CallerEnvironment environment;
    private final Device device;

    /** A spin-lock interrupt with {@code isr}, verifier {@code mode}. */
    public InlineDispatch(String name, VerifierMode mode, io.github.irq4j.InterruptIsr isr) {
        this(name, Host.builder().verifierMode(mode), new InProcessInterruptSource(name, 1), isr);
    }

    /**
     * A spin-lock interrupt with {@code isr} on message 0 of {@code source}, on a host built by
     * {@code builder} (its environment is replaced by the caller's thread, its storm rule made
     * report-only); {@link #pollOnce()} dispatches what the source's poll hands over.
     */
    public InlineDispatch(String name, Host.Builder builder, InterruptSource source, io.github.irq4j.InterruptIsr isr) {
        this.environment = new CallerEnvironment();
        this.source = source instanceof InProcessInterruptSource s ? s : null;
        this.host = builder.environment(environment)
                .interruptStorm(StormPolicy.DEFAULT.withAction(StormPolicy.Action.REPORT)).build();
        Interrupt[] made = new Interrupt[1];
        this.device = host.addDevice(name, d -> made[0] = d.createInterrupt(InterruptConfig.builder(isr).name(name).build()),
                List.of(InterruptResource.line(name + ".irq", source, 0, InterruptMode.LATCHED)));
        host.start(device);
        this.interrupt = made[0];
    }

    /** Fires the line and dispatches it on this thread; returns the signals dispatched (1). */
    public int fireAndDispatch() {
        source.fire(0);
        return environment.loop.pollOnce();
    }

    /** One poll of the source and the dispatch of what it hands over, on this thread; returns the signals. */
    public int pollOnce() {
        return environment.loop.pollOnce();
    }

    @Override
    public void close() {
        host.close();
    }
}

package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.spi.DispatchLoop;
import io.github.irq4j.spi.InProcessInterruptSource;
import io.github.irq4j.spi.SharedDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Host.Builder.sharedDispatcher (SPEC 3.2): the default environment offers each dispatch loop to the
 * shared dispatcher first; the loops it takes run on its thread, the others on a thread each, and
 * stopping the device stops each loop where it runs.
 */
class SharedDispatcherTest {

    /**
     * A shared dispatcher of one thread that takes the sources whose names start with "shared" and
     * drives their loops as the SPI says: openSource, pollOnce, closeSource, all on its thread.
     */
    static final class OneThreadDispatcher implements SharedDispatcher {
        private record Command(DispatchLoop loop, boolean start, CompletableFuture<Void> done) {
        }

        private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
        private final Thread thread = new Thread(this::run, "test-shared-dispatch");
        private final List<DispatchLoop> offered = new ArrayList<>();
        private final Map<DispatchLoop, Boolean> running = new ConcurrentHashMap<>();
        private volatile boolean closed;

        OneThreadDispatcher() {
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public synchronized boolean start(DispatchLoop loop) {
            offered.add(loop);
            if (!loop.source().unwrap().name().startsWith("shared")) {
                return false;
            }
            commands.add(new Command(loop, true, null));
            LockSupport.unpark(thread);
            return true;
        }

        @Override
        public void stop(DispatchLoop loop) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop.stop();
            commands.add(new Command(loop, false, done));
            LockSupport.unpark(thread);
            try {
                done.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the test dispatcher did not let go of " + loop.name(), e);
            }
        }

        @Override
        public int dispatchThreads() {
            return 1;
        }

        synchronized List<String> offeredSources() {
            return offered.stream().map(l -> l.source().name()).toList();
        }

        int running() {
            return running.size();
        }

        private void run() {
            List<DispatchLoop> loops = new ArrayList<>();
            while (!closed) {
                Command c;
                while ((c = commands.poll()) != null) {
                    if (c.start) {
                        c.loop.openSource();   // the loop's latch tells the connecting thread
                        loops.add(c.loop);
                        running.put(c.loop, Boolean.TRUE);
                    } else {
                        if (loops.remove(c.loop)) {
                            c.loop.closeSource();
                        }
                        running.remove(c.loop);
                        c.done.complete(null);
                    }
                }
                int n = 0;
                for (DispatchLoop loop : loops) {
                    if (loop.isRunning()) {
                        n += loop.pollOnce();
                    }
                }
                if (n == 0) {
                    LockSupport.parkNanos(200_000);   // a test's poll loop; the SPI leaves the waiting to the dispatcher
                }
            }
        }

        @Override
        public void close() {
            closed = true;
            LockSupport.unpark(thread);
        }
    }

    static final class ThreadRecordingDriver implements Driver {
        final Map<String, String> isrThread = new ConcurrentHashMap<>();

        @Override
        public void onDeviceAdd(Device device) {
            for (Resource r : device.resources()) {
                String name = r.name();
                device.createInterrupt(InterruptConfig.builder((i, m) -> {
                    isrThread.put(name, Thread.currentThread().getName());
                    return true;
                }).name(name).build());
            }
        }
    }

    @Test
    void theLoopsItTakesRunOnItsThreadAndTheOthersOnAThreadEach() {
        InProcessInterruptSource a = new InProcessInterruptSource("shared-a", 1);
        InProcessInterruptSource b = new InProcessInterruptSource("shared-b", 1);
        InProcessInterruptSource own = new InProcessInterruptSource("own", 1);
        ThreadRecordingDriver driver = new ThreadRecordingDriver();
        try (OneThreadDispatcher shared = new OneThreadDispatcher();
             Host host = Host.builder().sharedDispatcher(shared).build()) {
            Device d = host.addDevice("dev", driver, List.of(
                    InterruptResource.line("a", a, 0, InterruptMode.LATCHED),
                    InterruptResource.line("b", b, 0, InterruptMode.LATCHED),
                    InterruptResource.line("own", own, 0, InterruptMode.LATCHED)));
            host.start(d);
            assertThat(shared.offeredSources()).containsExactlyInAnyOrder("shared-a", "shared-b", "own");
            assertThat(a.isConnected()).isTrue();
            assertThat(b.isConnected()).isTrue();
            a.fire(0);
            b.fire(0);
            own.fire(0);
            Rig.await("three ISRs ran", () -> driver.isrThread.size() == 3);
            assertThat(driver.isrThread).containsEntry("a", "test-shared-dispatch").containsEntry("b", "test-shared-dispatch");
            assertThat(driver.isrThread.get("own")).isNotEqualTo("test-shared-dispatch").contains("own");
            assertThat(shared.running()).isEqualTo(2);

            host.stop(d);
            // stop went to the dispatcher for its loops (it let go of both and they disconnected there)
            assertThat(shared.running()).isZero();
            assertThat(a.isConnected()).isFalse();
            assertThat(b.isConnected()).isFalse();
            assertThat(own.isConnected()).isFalse();
            for (InterruptStatistics s : d.interrupts().stream().map(Interrupt::statistics).toList()) {
                assertThat(s.claimed()).isEqualTo(1);
            }
            assertThat(host.faults()).isEmpty();
            assertThat(host.violations()).isEmpty();
        }
    }

    @Test
    void aGivenEnvironmentAndASharedDispatcherTogetherAreRefused() {
        try (OneThreadDispatcher shared = new OneThreadDispatcher();
             Host other = Host.builder().build()) {
            Host.Builder b = Host.builder().sharedDispatcher(shared).environment(new io.github.irq4j.spi.ExecutionEnvironment() {
                @Override
                public void startDispatcher(DispatchLoop loop) {
                }

                @Override
                public void stopDispatcher(DispatchLoop loop) {
                }

                @Override
                public void schedule(io.github.irq4j.spi.DeferredTask task) {
                }

                @Override
                public void close() {
                }
            });
            assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a given environment places its dispatch loops itself");
            assertThatThrownBy(() -> Host.builder().sharedDispatcher(null)).isInstanceOf(NullPointerException.class);
        }
    }
}

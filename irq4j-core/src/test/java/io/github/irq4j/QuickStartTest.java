package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.spi.InProcessInterruptSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The quick start's driver as a unit test of core; irq4j-samples' QuickStartReadmeTest compiles and runs the README block itself. */
class QuickStartTest {

    static final class UartDriver implements Driver {
        private Interrupt interrupt;
        final AtomicInteger workItems = new AtomicInteger();

        @Override
        public void onDeviceAdd(Device device) {
            interrupt = device.createInterrupt(InterruptConfig.builder(this::onIsr)
                    .name("uart0")
                    .passiveHandling(true)
                    .workItem(this::onWorkItem)
                    .build());
        }

        private boolean onIsr(Interrupt interrupt, int messageId) {
            interrupt.queueWorkItemForIsr();
            return true;
        }

        private void onWorkItem(Interrupt interrupt, WdfObject device) {
            interrupt.acquireLock();
            try {
                workItems.incrementAndGet();
            } finally {
                interrupt.releaseLock();
            }
        }
    }

    @Test
    void theQuickStartRuns() {
        UartDriver driver = new UartDriver();
        try (Host host = Host.builder().build()) {
            var source = new InProcessInterruptSource("test", 1);
            Device device = host.addDevice("uart0", driver,
                    List.of(InterruptResource.line("uart0.irq", source, 0, InterruptMode.LATCHED)));
            host.start(device);
            source.fire(0);
            Rig.await("work item ran", () -> driver.workItems.get() == 1);
            host.stop(device);
            assertThat(host.violations()).isEmpty();
            assertThat(host.faults()).isEmpty();
        }
    }
}

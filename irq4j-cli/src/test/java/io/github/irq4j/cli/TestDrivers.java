package io.github.irq4j.cli;

import io.github.irq4j.Device;
import io.github.irq4j.Driver;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.IoQueueConfig;
import io.github.irq4j.IoQueueDispatchType;
import io.github.irq4j.MemoryResource;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.sim.SimUart;

/** Drivers that go wrong in the ways the command line must report. */
final class TestDrivers {

    private TestDrivers() {
    }

    /** Throws in onDeviceAdd. */
    public static final class Throwing implements Driver {
        @Override
        public void onDeviceAdd(Device device) {
            throw new IllegalStateException("firmware blob missing");
        }
    }

    /** Has no public no-argument constructor. */
    public static final class NoConstructor implements Driver {
        public NoConstructor(int unused) {
        }

        @Override
        public void onDeviceAdd(Device device) {
        }
    }

    /** Takes a passive interrupt's lock with acquireLock() in EvtIoRead: rule InterruptLockArbitraryThread. */
    public static final class ArbitraryThreadLock implements Driver {
        private Interrupt interrupt;

        @Override
        public void onDeviceAdd(Device device) {
            MemoryResource regs = (MemoryResource) device.resources().get(1);
            interrupt = device.createInterrupt(InterruptConfig.builder((i, m) -> {
                int causes = regs.registers().read32(SimUart.INT_STATUS);
                for (int n = regs.registers().read32(SimUart.RX_COUNT); n > 0; n--) {
                    regs.registers().read32(SimUart.DATA);
                }
                regs.registers().write32(SimUart.INT_ACK, causes);
                return causes != 0;
            }).name(device.name() + ".irq").passiveHandling(true).build());
            device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL).defaultQueue(true)
                    .onRead((q, r, len) -> {
                        interrupt.acquireLock();
                        interrupt.releaseLock();
                        r.complete(RequestStatus.SUCCESS);
                    }).build());
        }
    }

    /**
     * Claims every interrupt and counts in a DPC, with nothing device-specific: runs on any device
     * with an interrupt resource (timerfd, eventfd), which the samples for the simulated devices
     * do not.
     */
    public static final class AnyDeviceDpc implements Driver {
        @Override
        public void onDeviceAdd(Device device) {
            device.createInterrupt(InterruptConfig.builder((i, m) -> {
                i.queueDpcForIsr();
                return true;
            }).name(device.name() + ".irq").dpc((i, o) -> { }).build());
        }
    }
}

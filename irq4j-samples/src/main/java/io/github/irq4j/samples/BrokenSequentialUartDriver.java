package io.github.irq4j.samples;

import io.github.irq4j.IoQueue;
import io.github.irq4j.Request;
import io.github.irq4j.sim.SimUart;
import java.nio.ByteBuffer;

/**
 * {@link SequentialUartDriver} with one deliberate bug, the test kit's example of a race it finds
 * (see docs/testing-drivers.md and this module's {@code SeedUartDriverExplorationTest}): a "fast
 * path" in {@code EvtIoRead} that, when the ring is empty, takes bytes straight from the UART's
 * FIFO without the interrupt lock. The ISR drains the same FIFO under the lock; if it runs between
 * the fast path's {@code RX_COUNT} and {@code DATA} reads, the fast path reads an empty FIFO (zeros)
 * and the bytes it counted go to the ring, out of order. The KeAcquireInterruptSpinLock page's rule: the ISR and code that
 * accesses the device's registers share the interrupt lock. Do not copy this driver.
 */
public final class BrokenSequentialUartDriver extends SequentialUartDriver {

    public BrokenSequentialUartDriver() {
    }

    @Override
    void onRead(IoQueue queue, Request request, long length) {
        ByteBuffer out = request.retrieveOutputBuffer();
        if (shared.count() == 0) { // BUG: unlocked, and the registers below are the ISR's too
            for (int n = Math.min(regs.read32(SimUart.RX_COUNT), out.remaining()); n > 0; n--) {
                out.put((byte) regs.read32(SimUart.DATA));
            }
        }
        super.onRead(queue, request, length); // then as in the WdfInterruptTryToAcquireLock example: the rest under the lock, or the work item
    }
}

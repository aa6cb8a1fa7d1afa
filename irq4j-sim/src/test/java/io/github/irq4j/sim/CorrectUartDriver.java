package io.github.irq4j.sim;

/** The read path of the {@code WdfInterruptTryToAcquireLock} page's example: try the interrupt lock; if it is busy, let the work item do the read. */
final class CorrectUartDriver extends UartRingDriver {
    @Override
    void onRead(int max) {
        if (interrupt.tryToAcquireLock()) {
            try {
                drain(max);
            } finally {
                interrupt.releaseLock();
            }
        } else {
            interrupt.queueWorkItemForIsr();
        }
    }
}

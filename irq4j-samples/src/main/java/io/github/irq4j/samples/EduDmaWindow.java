package io.github.irq4j.samples;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Host memory the {@code edu} device can reach by DMA, as a WDF driver gets it from a common
 * buffer ({@code WdfCommonBufferCreate}: a virtual address and its logical address). Over VFIO the
 * caller maps {@code memory} at {@code deviceAddress} in the IOMMU ({@code VFIO_IOMMU_MAP_DMA});
 * in the simulator the model reads and writes {@code memory} itself.
 *
 * @param memory the host's view of the window; at least {@code 2 * EduRegisters.DMA_BUFFER_SIZE} bytes
 *        (the driver sends from the first half and receives into the second)
 * @param deviceAddress the bus (IOVA) address of {@code memory}'s first byte; within the device's 28-bit DMA mask
 */
public record EduDmaWindow(MemorySegment memory, long deviceAddress) {

    /** Checks the size and the device's DMA mask. */
    public EduDmaWindow {
        Objects.requireNonNull(memory, "memory");
        if (memory.byteSize() < 2L * EduRegisters.DMA_BUFFER_SIZE) {
            throw new IllegalArgumentException("DMA window of " + memory.byteSize() + " bytes (expected: at least "
                    + 2 * EduRegisters.DMA_BUFFER_SIZE + ", a send and a receive half)");
        }
        if (deviceAddress < 0 || deviceAddress + memory.byteSize() - 1 > EduRegisters.DMA_MASK) {
            throw new IllegalArgumentException("DMA window at 0x" + Long.toHexString(deviceAddress) + " (expected: within the edu"
                    + " device's 28-bit DMA mask, below 0x" + Long.toHexString(EduRegisters.DMA_MASK + 1) + ")");
        }
    }
}

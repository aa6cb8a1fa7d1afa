package io.github.irq4j.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Host memory mapped for a VFIO device's DMA ({@link VfioDevice#mapDma}): {@link #memory()} is the
 * CPU's view, {@link #iova()} the bus address the device uses. {@link #close()} unmaps it from the
 * IOMMU and frees the memory; a device still transferring into it afterwards faults in the IOMMU
 * instead of writing freed memory.
 */
public final class VfioDma implements AutoCloseable {

    private final VfioDevice device;
    private final Arena arena;
    private final MemorySegment memory;
    private final long iova;
    private boolean closed;

    VfioDma(VfioDevice device, Arena arena, MemorySegment memory, long iova) {
        this.device = device;
        this.arena = arena;
        this.memory = memory;
        this.iova = iova;
    }

    /** The CPU's view of the mapped memory. */
    public MemorySegment memory() {
        return memory;
    }

    /** The bus (IOVA) address of {@link #memory()}'s first byte. */
    public long iova() {
        return iova;
    }

    /**
     * Unmaps ({@code VFIO_IOMMU_UNMAP_DMA}) and frees the memory. Idempotent.
     *
     * @throws UncheckedIOException if the kernel refuses the unmap (the memory is then kept, not freed under the device)
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            device.unmapDma(iova, memory.byteSize());
        } catch (IOException e) {
            throw new UncheckedIOException(device.name() + ": unmapping DMA at iova 0x" + Long.toHexString(iova) + " failed", e);
        }
        closed = true;
        arena.close();
    }
}

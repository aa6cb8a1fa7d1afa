package io.github.irq4j.devicetest;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.MemoryResource;
import io.github.irq4j.Registers;
import io.github.irq4j.Resource;
import io.github.irq4j.linux.MappedRegisters;
import io.github.irq4j.linux.UioSource;
import io.github.irq4j.linux.VfioDevice;
import io.github.irq4j.linux.VfioDma;
import io.github.irq4j.linux.VfioSource;
import io.github.irq4j.samples.EduDmaWindow;
import io.github.irq4j.spi.InterruptSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One edu device opened over one transport: the resources the driver gets, BAR 0 for the test's
 * own raises, the kernel's count of the device's interrupts, and the DMA window if the transport
 * has an IOMMU.
 *
 * @param name such as {@code uio0/intx} or {@code 0000:00:03.0/msi}
 * @param resources the interrupt and BAR 0, as a PnP manager hands them to the driver
 * @param bar0 BAR 0, for the test's raises of bits the driver does not own
 * @param source the interrupt source, for the role of the other driver on a shared line
 * @param kernelCount the kernel's own count of the device's interrupts
 * @param level whether the interrupt is a level-triggered INTx line
 * @param dma the DMA window, {@code null} over UIO
 */
record EduTarget(String name, List<Resource> resources, Registers bar0, InterruptSource source, LongSupplier kernelCount,
                 boolean level, EduDmaWindow dma, AutoCloseable closer) implements AutoCloseable {

    /** The bus address of the DMA window: page aligned and inside the edu device's 28-bit mask. */
    static final long DMA_IOVA = 0x10_0000;
    /** Two pages: the send half and the receive half. */
    static final long DMA_SIZE = 8192;

    /** {@code /dev/uioN} bound to {@code uio_pci_generic}: INTx, no DMA (UIO has no IOMMU mapping). */
    static EduTarget uio(Path device) throws IOException {
        UioSource source = new UioSource(device);
        MappedRegisters bar0 = MappedRegisters.mapUio(device, 0);
        String n = device.getFileName().toString();
        List<Resource> resources = List.of(InterruptResource.line(n + ".irq", source, 0, InterruptMode.LEVEL_SENSITIVE),
                new MemoryResource(bar0.name(), bar0));
        return new EduTarget(n + "/intx", resources, bar0, source, () -> KernelCounts.uioEvents(device), true, null, () -> {
            source.close();
            bar0.close();
        });
    }

    /**
     * {@code GROUP/DDDD:BB:DD.F} bound to {@code vfio-pci}, with {@code msi} its MSI (message 0)
     * instead of its INTx line, and a DMA window mapped in the IOMMU.
     */
    static EduTarget vfio(String groupAndAddress, boolean msi) throws IOException {
        int slash = groupAndAddress.indexOf('/');
        String address = groupAndAddress.substring(slash + 1);
        VfioDevice device = new VfioDevice(Path.of("/dev/vfio", groupAndAddress.substring(0, slash)), address);
        try {
            device.enableBusMaster();   // the PnP manager's part: DMA and MSI are memory writes of the device
            int index = msi ? 1 : 0;
            VfioSource source = new VfioSource(device, index, 1);
            MappedRegisters bar0 = device.mapRegion(0);
            VfioDma dma = device.mapDma(DMA_IOVA, DMA_SIZE);
            InterruptResource irq = InterruptResource.line(address + (msi ? ".msi0" : ".intx"), source, 0,
                    msi ? InterruptMode.LATCHED : InterruptMode.LEVEL_SENSITIVE);
            List<Resource> resources = List.of(msi ? irq.asMessageSignaled() : irq, new MemoryResource(bar0.name(), bar0));
            String action = (msi ? "vfio-msi[0](" : "vfio-intx(") + address + ")";
            return new EduTarget(address + (msi ? "/msi" : "/intx"), resources, bar0, source,
                    () -> KernelCounts.procInterrupts(action), !msi, new EduDmaWindow(dma.memory(), dma.iova()), () -> {
                        source.close();
                        dma.close();
                        bar0.close();
                        device.close();
                    });
        } catch (IOException | RuntimeException e) {
            device.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}

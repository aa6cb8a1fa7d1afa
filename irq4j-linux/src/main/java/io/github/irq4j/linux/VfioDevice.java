package io.github.irq4j.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * A PCI device bound to {@code vfio-pci}, opened through its container and group: opens
 * {@code /dev/vfio/vfio}, checks the API version and the type-1 IOMMU, opens the group
 * ({@code /dev/vfio/GROUP}), checks that it is viable, {@code VFIO_GROUP_SET_CONTAINER},
 * {@code VFIO_SET_IOMMU}, and {@code VFIO_GROUP_GET_DEVICE_FD}. Its regions map as
 * {@link MappedRegisters}; its interrupts are delivered by {@link VfioSource}s.
 * <pre>{@code
 * try (VfioDevice dev = new VfioDevice(Path.of("/dev/vfio/12"), "0000:00:03.0")) {
 *     MappedRegisters bar0 = dev.mapRegion(0);
 *     VfioSource msix = new VfioSource(dev, Vfio.VFIO_PCI_MSIX_IRQ_INDEX, dev.irqCount(2));
 * }
 * }</pre>
 * If the constructor fails, every descriptor it opened is closed.
 */
public final class VfioDevice implements AutoCloseable {

    /** The VFIO container node. */
    public static final String CONTAINER = "/dev/vfio/vfio";

    private final Path group;
    private final String device;
    private final int containerFd;
    private final int groupFd;
    /** The device descriptor; -1 after close(). */
    private volatile int deviceFd;

    /**
     * Opens the device.
     *
     * @param group the group node, such as {@code /dev/vfio/12}
     * @param device the PCI address, such as {@code 0000:00:03.0}
     * @throws NativeIoException naming the node and what to check ({@code ENOENT}: not bound to
     *         vfio-pci or no IOMMU; {@code EBUSY}: in use)
     */
    public VfioDevice(Path group, String device) throws IOException {
        this.group = group;
        this.device = device;
        CallState st = CallState.forCurrentThread();
        int container = -1;
        int grp = -1;
        try {
            container = FileDescriptors.open(CONTAINER, FileDescriptors.O_RDWR, Vfio::hint);
            int version = FileDescriptors.ioctl(container, Vfio.VFIO_GET_API_VERSION, 0, st, "VFIO_GET_API_VERSION", CONTAINER, Vfio::hint);
            if (version != Vfio.VFIO_API_VERSION) {
                throw new NativeIoException("ioctl(VFIO_GET_API_VERSION)", CONTAINER, Errno.EINVAL,
                        "API version " + version + " (expected: " + Vfio.VFIO_API_VERSION + "); this kernel's VFIO is not supported");
            }
            int iommu = FileDescriptors.ioctl(container, Vfio.VFIO_CHECK_EXTENSION, Vfio.VFIO_TYPE1v2_IOMMU, st,
                    "VFIO_CHECK_EXTENSION", CONTAINER, Vfio::hint) > 0 ? Vfio.VFIO_TYPE1v2_IOMMU : Vfio.VFIO_TYPE1_IOMMU;
            grp = FileDescriptors.open(group.toString(), FileDescriptors.O_RDWR, Vfio::hint);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment status = arena.allocate(Vfio.GROUP_STATUS);
                status.set(JAVA_INT, 0, (int) Vfio.GROUP_STATUS.byteSize());
                FileDescriptors.ioctl(grp, Vfio.VFIO_GROUP_GET_STATUS, status, st, "VFIO_GROUP_GET_STATUS", group.toString(), Vfio::hint);
                if ((status.get(JAVA_INT, Vfio.GROUP_STATUS_FLAGS) & Vfio.VFIO_GROUP_FLAGS_VIABLE) == 0) {
                    throw new NativeIoException("ioctl(VFIO_GROUP_GET_STATUS)", group.toString(), Errno.EBUSY,
                            "the group is not viable: bind every device of the group to vfio-pci (ls /sys/kernel/iommu_groups/N/devices)");
                }
                MemorySegment fdArg = arena.allocate(JAVA_INT);
                fdArg.set(JAVA_INT, 0, container);
                FileDescriptors.ioctl(grp, Vfio.VFIO_GROUP_SET_CONTAINER, fdArg, st, "VFIO_GROUP_SET_CONTAINER", group.toString(), Vfio::hint);
                FileDescriptors.ioctl(container, Vfio.VFIO_SET_IOMMU, iommu, st, "VFIO_SET_IOMMU", CONTAINER, Vfio::hint);
                this.deviceFd = FileDescriptors.ioctl(grp, Vfio.VFIO_GROUP_GET_DEVICE_FD, arena.allocateFrom(device), st,
                        "VFIO_GROUP_GET_DEVICE_FD", group + "/" + device, Vfio::hint);
            }
        } catch (IOException | RuntimeException e) {
            FileDescriptors.close(grp);
            FileDescriptors.close(container);
            throw e;
        }
        this.containerFd = container;
        this.groupFd = grp;
    }

    /** {@code group/device}, for messages. */
    public String name() {
        return group + "/" + device;
    }

    int fd() {
        int fd = deviceFd;
        if (fd < 0) {
            throw new IllegalStateException(name() + ": the VFIO device was closed");
        }
        return fd;
    }

    /** How many vectors IRQ index {@code index} has ({@code VFIO_DEVICE_GET_IRQ_INFO}); 0 if none. */
    public int irqCount(int index) throws IOException {
        return irqInfo(index)[1];
    }

    /** {@code {flags, count}} of IRQ index {@code index}. */
    int[] irqInfo(int index) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(Vfio.IRQ_INFO);
            info.set(JAVA_INT, 0, (int) Vfio.IRQ_INFO.byteSize());
            info.set(JAVA_INT, Vfio.IRQ_INFO_INDEX, index);
            FileDescriptors.ioctl(fd(), Vfio.VFIO_DEVICE_GET_IRQ_INFO, info, CallState.forCurrentThread(),
                    "VFIO_DEVICE_GET_IRQ_INFO(" + Vfio.irqIndexName(index) + ")", name(), Vfio::hint);
            return new int[] {info.get(JAVA_INT, Vfio.IRQ_INFO_FLAGS), info.get(JAVA_INT, Vfio.IRQ_INFO_COUNT)};
        }
    }

    /** {@code {flags, size, offset}} of region {@code index} ({@code VFIO_DEVICE_GET_REGION_INFO}). */
    long[] regionInfo(int index) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(Vfio.REGION_INFO);
            info.set(JAVA_INT, 0, (int) Vfio.REGION_INFO.byteSize());
            info.set(JAVA_INT, Vfio.REGION_INFO_INDEX, index);
            FileDescriptors.ioctl(fd(), Vfio.VFIO_DEVICE_GET_REGION_INFO, info, CallState.forCurrentThread(),
                    "VFIO_DEVICE_GET_REGION_INFO(" + index + ")", name(), Vfio::hint);
            return new long[] {info.get(JAVA_INT, Vfio.REGION_INFO_FLAGS), info.get(JAVA_LONG, Vfio.REGION_INFO_SIZE),
                    info.get(JAVA_LONG, Vfio.REGION_INFO_OFFSET)};
        }
    }

    /** Whether region {@code index} (BAR 0 to 5) is non-empty and mappable. */
    public boolean isMappable(int index) throws IOException {
        long[] r = regionInfo(index);
        return r[1] > 0 && (r[0] & Vfio.VFIO_REGION_INFO_FLAG_MMAP) != 0;
    }

    /**
     * Maps region {@code index} (BAR {@code index} for 0 to 5) whole.
     *
     * @throws NativeIoException {@code EINVAL} if the region is not mappable (an I/O-port BAR)
     */
    public MappedRegisters mapRegion(int index) throws IOException {
        long[] r = regionInfo(index);
        if (r[1] == 0 || (r[0] & Vfio.VFIO_REGION_INFO_FLAG_MMAP) == 0) {
            throw new NativeIoException("mmap(region " + index + ")", name(), Errno.EINVAL,
                    "region " + index + " is empty or not mappable (size " + r[1] + ", flags 0x" + Long.toHexString(r[0]) + ")");
        }
        return MappedRegisters.map(device + ".bar" + index, fd(), r[2], r[1], name());
    }

    /**
     * {@code VFIO_DEVICE_SET_IRQS} with {@code flags}, for {@code count} vectors from 0, with
     * {@code data} ({@code null} for {@code DATA_NONE}).
     */
    void setIrqs(int flags, int index, int count, int[] eventFds, CallState st) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            long dataBytes = eventFds == null ? 0 : 4L * eventFds.length;
            MemorySegment set = arena.allocate(Vfio.IRQ_SET_DATA + dataBytes, 4);
            fillIrqSet(set, flags, index, count);
            for (int i = 0; eventFds != null && i < eventFds.length; i++) {
                set.set(JAVA_INT, Vfio.IRQ_SET_DATA + 4L * i, eventFds[i]);
            }
            setIrqs(set, st);
        }
    }

    /** Fills a {@code struct vfio_irq_set} header ({@code argsz} = the segment's size). */
    static void fillIrqSet(MemorySegment set, int flags, int index, int count) {
        set.set(JAVA_INT, 0, (int) set.byteSize());
        set.set(JAVA_INT, Vfio.IRQ_SET_FLAGS, flags);
        set.set(JAVA_INT, Vfio.IRQ_SET_INDEX, index);
        set.set(JAVA_INT, Vfio.IRQ_SET_START, 0);
        set.set(JAVA_INT, Vfio.IRQ_SET_COUNT, count);
    }

    /** {@code VFIO_DEVICE_SET_IRQS} with a prepared {@code struct vfio_irq_set}; allocates nothing. */
    void setIrqs(MemorySegment irqSet, CallState st) throws NativeIoException {
        FileDescriptors.ioctl(fd(), Vfio.VFIO_DEVICE_SET_IRQS, irqSet, st, "VFIO_DEVICE_SET_IRQS", name(), Vfio::hint);
    }

    /**
     * Sets the Bus Master Enable bit of the function's PCI command register (a read-modify-write
     * through the VFIO config region), as a kernel driver's {@code pci_set_master()} does. Without
     * it the device's memory writes are blocked: neither its DMA nor its MSI messages (which are
     * memory writes) reach the host. vfio-pci leaves the bit to user space.
     *
     * @return whether the bit was already set
     * @throws NativeIoException if config space cannot be read or written
     */
    public boolean enableBusMaster() throws IOException {
        long config = regionInfo(Vfio.VFIO_PCI_CONFIG_REGION_INDEX)[2];
        CallState st = CallState.forCurrentThread();
        String what = name() + " config space";
        FileDescriptors.pread(fd(), st.scratch, 2, config + Vfio.PCI_COMMAND, st, what);
        int command = st.scratch.get(java.lang.foreign.ValueLayout.JAVA_SHORT, 0) & 0xffff;
        if ((command & Vfio.PCI_COMMAND_MASTER) != 0) {
            return true;
        }
        st.scratch.set(java.lang.foreign.ValueLayout.JAVA_SHORT, 0, (short) (command | Vfio.PCI_COMMAND_MASTER));
        FileDescriptors.pwrite(fd(), st.scratch, 2, config + Vfio.PCI_COMMAND, st, what);
        return false;
    }

    /**
     * Maps {@code size} bytes of new, zeroed, page-aligned host memory for the device's DMA at bus
     * address {@code iova} in the container's IOMMU ({@code VFIO_IOMMU_MAP_DMA}, read and write).
     * The kernel pins the pages. Close the result to unmap it ({@code VFIO_IOMMU_UNMAP_DMA}) before
     * this device.
     *
     * @param iova the bus address the device uses, page aligned (within the device's DMA mask)
     * @param size a positive multiple of the page size
     * @throws IllegalArgumentException if {@code iova} or {@code size} is not page aligned
     * @throws NativeIoException {@code ENOMEM} (raise {@code ulimit -l}), {@code EEXIST} (the range is mapped already)
     */
    public VfioDma mapDma(long iova, long size) throws IOException {
        if (iova < 0 || size <= 0 || iova % Mmap.PAGE_SIZE != 0 || size % Mmap.PAGE_SIZE != 0) {
            throw new IllegalArgumentException(name() + ": DMA map at iova 0x" + Long.toHexString(iova) + ", size " + size
                    + " (expected: a non-negative iova and a positive size, both multiples of the page size " + Mmap.PAGE_SIZE + ")");
        }
        fd();
        Arena arena = Arena.ofShared();
        try {
            MemorySegment memory = arena.allocate(size, Mmap.PAGE_SIZE);
            MemorySegment map = arena.allocate(Vfio.DMA_MAP);
            map.set(JAVA_INT, 0, (int) Vfio.DMA_MAP.byteSize());
            map.set(JAVA_INT, Vfio.DMA_MAP_FLAGS, Vfio.VFIO_DMA_MAP_FLAG_READ | Vfio.VFIO_DMA_MAP_FLAG_WRITE);
            map.set(JAVA_LONG, Vfio.DMA_MAP_VADDR, memory.address());
            map.set(JAVA_LONG, Vfio.DMA_MAP_IOVA, iova);
            map.set(JAVA_LONG, Vfio.DMA_MAP_SIZE, size);
            FileDescriptors.ioctl(containerFd, Vfio.VFIO_IOMMU_MAP_DMA, map, CallState.forCurrentThread(), "VFIO_IOMMU_MAP_DMA",
                    CONTAINER, Vfio::hint);
            return new VfioDma(this, arena, memory, iova);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** {@code VFIO_IOMMU_UNMAP_DMA} of {@code [iova, iova + size)}. */
    void unmapDma(long iova, long size) throws IOException {
        if (deviceFd < 0) {
            return;   // closing the container released every mapping
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment unmap = arena.allocate(Vfio.DMA_UNMAP);
            unmap.set(JAVA_INT, 0, (int) Vfio.DMA_UNMAP.byteSize());
            unmap.set(JAVA_LONG, Vfio.DMA_UNMAP_IOVA, iova);
            unmap.set(JAVA_LONG, Vfio.DMA_UNMAP_SIZE, size);
            FileDescriptors.ioctl(containerFd, Vfio.VFIO_IOMMU_UNMAP_DMA, unmap, CallState.forCurrentThread(), "VFIO_IOMMU_UNMAP_DMA",
                    CONTAINER, Vfio::hint);
        }
    }

    /** Closes the device, group and container descriptors. Idempotent. */
    @Override
    public synchronized void close() {
        int fd = deviceFd;
        if (fd < 0) {
            return;
        }
        deviceFd = -1;
        FileDescriptors.close(fd);
        FileDescriptors.close(groupFd);
        FileDescriptors.close(containerFd);
    }

    @Override
    public String toString() {
        return "VfioDevice{" + name() + "}";
    }
}

package io.github.irq4j.linux;

import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;

/**
 * VFIO ({@code <linux/vfio.h>}, {@code Documentation/driver-api/vfio.rst}): containers, groups,
 * device descriptors, region and IRQ info, and {@code VFIO_DEVICE_SET_IRQS}. Every ioctl is
 * {@code _IO(VFIO_TYPE, VFIO_BASE + n)}; the structs carry their own size in {@code argsz}.
 */
final class Vfio {

    static final int VFIO_TYPE = ';';
    static final int VFIO_BASE = 100;
    static final int VFIO_API_VERSION = 0;
    static final int VFIO_TYPE1_IOMMU = 1;
    static final int VFIO_TYPE1v2_IOMMU = 3;

    static final long VFIO_GET_API_VERSION = Ioc.io(VFIO_TYPE, VFIO_BASE);
    static final long VFIO_CHECK_EXTENSION = Ioc.io(VFIO_TYPE, VFIO_BASE + 1);
    static final long VFIO_SET_IOMMU = Ioc.io(VFIO_TYPE, VFIO_BASE + 2);
    static final long VFIO_GROUP_GET_STATUS = Ioc.io(VFIO_TYPE, VFIO_BASE + 3);
    static final long VFIO_GROUP_SET_CONTAINER = Ioc.io(VFIO_TYPE, VFIO_BASE + 4);
    static final long VFIO_GROUP_GET_DEVICE_FD = Ioc.io(VFIO_TYPE, VFIO_BASE + 6);
    static final long VFIO_DEVICE_GET_INFO = Ioc.io(VFIO_TYPE, VFIO_BASE + 7);
    static final long VFIO_DEVICE_GET_REGION_INFO = Ioc.io(VFIO_TYPE, VFIO_BASE + 8);
    static final long VFIO_DEVICE_GET_IRQ_INFO = Ioc.io(VFIO_TYPE, VFIO_BASE + 9);
    static final long VFIO_DEVICE_SET_IRQS = Ioc.io(VFIO_TYPE, VFIO_BASE + 10);
    static final long VFIO_IOMMU_MAP_DMA = Ioc.io(VFIO_TYPE, VFIO_BASE + 13);
    static final long VFIO_IOMMU_UNMAP_DMA = Ioc.io(VFIO_TYPE, VFIO_BASE + 14);
    static final int VFIO_DMA_MAP_FLAG_READ = 1;
    static final int VFIO_DMA_MAP_FLAG_WRITE = 1 << 1;

    static final int VFIO_GROUP_FLAGS_VIABLE = 1;
    static final int VFIO_REGION_INFO_FLAG_MMAP = 1 << 2;
    static final int VFIO_IRQ_INFO_EVENTFD = 1;
    static final int VFIO_IRQ_INFO_MASKABLE = 1 << 1;
    static final int VFIO_IRQ_INFO_AUTOMASKED = 1 << 2;
    static final int VFIO_IRQ_SET_DATA_NONE = 1;
    static final int VFIO_IRQ_SET_DATA_BOOL = 1 << 1;
    static final int VFIO_IRQ_SET_DATA_EVENTFD = 1 << 2;
    static final int VFIO_IRQ_SET_ACTION_MASK = 1 << 3;
    static final int VFIO_IRQ_SET_ACTION_UNMASK = 1 << 4;
    static final int VFIO_IRQ_SET_ACTION_TRIGGER = 1 << 5;
    static final int VFIO_PCI_INTX_IRQ_INDEX = 0;
    static final int VFIO_PCI_MSI_IRQ_INDEX = 1;
    static final int VFIO_PCI_MSIX_IRQ_INDEX = 2;
    static final int VFIO_PCI_NUM_BARS = 6;
    /** The region index of the PCI config space ({@code VFIO_PCI_CONFIG_REGION_INDEX}). */
    static final int VFIO_PCI_CONFIG_REGION_INDEX = 7;
    /** Offset of the 16-bit command register in config space, and its Bus Master Enable bit. */
    static final long PCI_COMMAND = 0x04;
    static final int PCI_COMMAND_MASTER = 0x4;

    /** {@code struct vfio_group_status { __u32 argsz; __u32 flags; }}: 8 bytes. */
    static final StructLayout GROUP_STATUS = structLayout(
            JAVA_INT.withName("argsz"),
            JAVA_INT.withName("flags"));
    /**
     * {@code struct vfio_device_info { __u32 argsz, flags, num_regions, num_irqs, cap_offset; }}: 20
     * bytes as in Debian 12's linux-libc-dev (6.1); newer headers append {@code __u32 pad}. The
     * kernel reads {@code argsz}, so both work.
     */
    static final StructLayout DEVICE_INFO = structLayout(
            JAVA_INT.withName("argsz"),
            JAVA_INT.withName("flags"),
            JAVA_INT.withName("num_regions"),
            JAVA_INT.withName("num_irqs"),
            JAVA_INT.withName("cap_offset"));
    /** {@code struct vfio_region_info { __u32 argsz, flags, index, cap_offset; __aligned_u64 size, offset; }}: 32 bytes. */
    static final StructLayout REGION_INFO = structLayout(
            JAVA_INT.withName("argsz"),
            JAVA_INT.withName("flags"),
            JAVA_INT.withName("index"),
            JAVA_INT.withName("cap_offset"),
            JAVA_LONG.withName("size"),
            JAVA_LONG.withName("offset"));
    /** {@code struct vfio_irq_info { __u32 argsz, flags, index, count; }}: 16 bytes. */
    static final StructLayout IRQ_INFO = structLayout(
            JAVA_INT.withName("argsz"),
            JAVA_INT.withName("flags"),
            JAVA_INT.withName("index"),
            JAVA_INT.withName("count"));
    /** {@code struct vfio_irq_set { __u32 argsz, flags, index, start, count; __u8 data[]; }}: 20 bytes plus data. */
    static final StructLayout IRQ_SET = structLayout(
            JAVA_INT.withName("argsz"),
            JAVA_INT.withName("flags"),
            JAVA_INT.withName("index"),
            JAVA_INT.withName("start"),
            JAVA_INT.withName("count"));

    /** {@code struct vfio_iommu_type1_dma_map { __u32 argsz, flags; __u64 vaddr, iova, size; }}: 32 bytes. */
    static final StructLayout DMA_MAP = structLayout(
            JAVA_INT.withName("argsz"),
            JAVA_INT.withName("flags"),
            JAVA_LONG.withName("vaddr"),
            JAVA_LONG.withName("iova"),
            JAVA_LONG.withName("size"));
    /** {@code struct vfio_iommu_type1_dma_unmap { __u32 argsz, flags; __u64 iova, size; }}: 24 bytes. */
    static final StructLayout DMA_UNMAP = structLayout(
            JAVA_INT.withName("argsz"),
            JAVA_INT.withName("flags"),
            JAVA_LONG.withName("iova"),
            JAVA_LONG.withName("size"));

    static final long DMA_MAP_FLAGS = DMA_MAP.byteOffset(PathElement.groupElement("flags"));
    static final long DMA_MAP_VADDR = DMA_MAP.byteOffset(PathElement.groupElement("vaddr"));
    static final long DMA_MAP_IOVA = DMA_MAP.byteOffset(PathElement.groupElement("iova"));
    static final long DMA_MAP_SIZE = DMA_MAP.byteOffset(PathElement.groupElement("size"));
    static final long DMA_UNMAP_IOVA = DMA_UNMAP.byteOffset(PathElement.groupElement("iova"));
    static final long DMA_UNMAP_SIZE = DMA_UNMAP.byteOffset(PathElement.groupElement("size"));
    static final long GROUP_STATUS_FLAGS = GROUP_STATUS.byteOffset(PathElement.groupElement("flags"));
    static final long DEVICE_INFO_NUM_REGIONS = DEVICE_INFO.byteOffset(PathElement.groupElement("num_regions"));
    static final long DEVICE_INFO_NUM_IRQS = DEVICE_INFO.byteOffset(PathElement.groupElement("num_irqs"));
    static final long REGION_INFO_FLAGS = REGION_INFO.byteOffset(PathElement.groupElement("flags"));
    static final long REGION_INFO_INDEX = REGION_INFO.byteOffset(PathElement.groupElement("index"));
    static final long REGION_INFO_SIZE = REGION_INFO.byteOffset(PathElement.groupElement("size"));
    static final long REGION_INFO_OFFSET = REGION_INFO.byteOffset(PathElement.groupElement("offset"));
    static final long IRQ_INFO_FLAGS = IRQ_INFO.byteOffset(PathElement.groupElement("flags"));
    static final long IRQ_INFO_INDEX = IRQ_INFO.byteOffset(PathElement.groupElement("index"));
    static final long IRQ_INFO_COUNT = IRQ_INFO.byteOffset(PathElement.groupElement("count"));
    static final long IRQ_SET_FLAGS = IRQ_SET.byteOffset(PathElement.groupElement("flags"));
    static final long IRQ_SET_INDEX = IRQ_SET.byteOffset(PathElement.groupElement("index"));
    static final long IRQ_SET_START = IRQ_SET.byteOffset(PathElement.groupElement("start"));
    static final long IRQ_SET_COUNT = IRQ_SET.byteOffset(PathElement.groupElement("count"));
    static final long IRQ_SET_DATA = IRQ_SET.byteSize();

    private Vfio() {
    }

    /** What to check when a VFIO call fails. */
    static String hint(int errno) {
        return switch (errno) {
            case Errno.ENOENT -> "no such VFIO group or device; bind the device to vfio-pci "
                    + "(echo VENDOR DEVICE > /sys/bus/pci/drivers/vfio-pci/new_id) and check /dev/vfio/ and the IOMMU (intel_iommu=on)";
            case Errno.EBUSY -> "the VFIO group or device is open in another process (QEMU?) or another device of the group is bound to a host driver";
            case Errno.EACCES, Errno.EPERM -> "no permission on /dev/vfio; run as root or chown the group node, and raise ulimit -l";
            case Errno.ENOTTY -> "not a VFIO node (expected /dev/vfio/vfio and /dev/vfio/GROUP)";
            case Errno.EINVAL -> "the VFIO call was rejected: check the IRQ index and vector count (VFIO_DEVICE_GET_IRQ_INFO) and the IOMMU type";
            default -> null;
        };
    }

    /** The IRQ index's name, for messages. */
    static String irqIndexName(int index) {
        return switch (index) {
            case VFIO_PCI_INTX_IRQ_INDEX -> "INTx";
            case VFIO_PCI_MSI_IRQ_INDEX -> "MSI";
            case VFIO_PCI_MSIX_IRQ_INDEX -> "MSI-X";
            case 3 -> "ERR";
            case 4 -> "REQ";
            default -> "IRQ index " + index;
        };
    }
}

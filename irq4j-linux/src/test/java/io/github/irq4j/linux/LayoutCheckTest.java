package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compiles {@code src/test/c/layout_check.c} with gcc against the kernel headers of this machine
 * (Debian: gcc, libc6-dev, linux-libc-dev), runs it, and compares every size, offset, ioctl
 * number and constant it prints with the Java declarations.
 */
class LayoutCheckTest {

    private static final Map<String, Long> C = new LinkedHashMap<>();

    @BeforeAll
    static void compileAndRun() throws IOException, InterruptedException {
        Path source = Path.of("src/test/c/layout_check.c");
        Path out = Path.of("target/layout_check");
        Files.createDirectories(out.getParent());
        run(List.of("gcc", "-std=gnu11", "-Wall", "-Werror", "-o", out.toString(), source.toString()));
        String printed = run(List.of(out.toAbsolutePath().toString()));
        for (String line : printed.split("\n")) {
            int sp = line.lastIndexOf(' ');
            C.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)));
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " could not be started (" + e.getMessage()
                    + "); install gcc, libc6-dev and linux-libc-dev", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        assertThat(p.exitValue()).as(command + " failed:\n" + output).isZero();
        return output;
    }

    private static void expect(String name, long javaValue) {
        assertThat(C).as("layout_check.c prints " + name).containsKey(name);
        assertThat(javaValue).as(name + " (Java vs C header)").isEqualTo(C.get(name));
    }

    private static void size(String type, StructLayout layout) {
        expect("sizeof " + type, layout.byteSize());
    }

    private static void off(String type, String field, StructLayout layout, PathElement... path) {
        expect("offsetof " + type + "." + field, layout.byteOffset(path));
    }

    private static PathElement g(String name) {
        return PathElement.groupElement(name);
    }

    @Test
    void epollEventMatchesThisArchitecture() {
        size("epoll_event", Epoll.EPOLL_EVENT);
        off("epoll_event", "events", Epoll.EPOLL_EVENT, g("events"));
        off("epoll_event", "data", Epoll.EPOLL_EVENT, g("data"));
        expect("EPOLLIN", Epoll.EPOLLIN);
        expect("EPOLLET", Integer.toUnsignedLong(Epoll.EPOLLET));
        expect("EPOLL_CTL_ADD", Epoll.EPOLL_CTL_ADD);
        expect("EPOLL_CTL_DEL", Epoll.EPOLL_CTL_DEL);
        expect("EPOLL_CTL_MOD", Epoll.EPOLL_CTL_MOD);
    }

    @Test
    void fileAndTimerConstants() {
        expect("EFD_NONBLOCK", EventFd.EFD_NONBLOCK);
        expect("EFD_CLOEXEC", EventFd.EFD_CLOEXEC);
        expect("TFD_NONBLOCK", TimerFd.TFD_NONBLOCK);
        size("itimerspec", TimerFd.ITIMERSPEC);
        expect("offsetof itimerspec.it_interval", TimerFd.IT_INTERVAL_OFFSET);
        expect("offsetof itimerspec.it_value", TimerFd.IT_VALUE_OFFSET);
        expect("O_NONBLOCK", FileDescriptors.O_NONBLOCK);
        expect("O_CLOEXEC", FileDescriptors.O_CLOEXEC);
        expect("O_SYNC", FileDescriptors.O_SYNC);
        expect("sizeof cpu_set_t", Sched.CPU_SET_BYTES);
    }

    @Test
    void gpioV2StructsAndIoctls() {
        size("gpiochip_info", GpioV2.GPIOCHIP_INFO);
        expect("offsetof gpiochip_info.lines", GpioV2.CHIPINFO_LINES);
        size("gpio_v2_line_attribute", GpioV2.LINE_ATTRIBUTE);
        expect("offsetof gpio_v2_line_attribute.id", GpioV2.ATTR_ID);
        expect("offsetof gpio_v2_line_attribute.flags", GpioV2.ATTR_VALUE);
        expect("offsetof gpio_v2_line_attribute.debounce_period_us", GpioV2.ATTR_VALUE);
        size("gpio_v2_line_config_attribute", GpioV2.LINE_CONFIG_ATTRIBUTE);
        expect("offsetof gpio_v2_line_config_attribute.mask", GpioV2.CONFIG_ATTR_MASK);
        size("gpio_v2_line_config", GpioV2.LINE_CONFIG);
        expect("offsetof gpio_v2_line_config.flags", GpioV2.CONFIG_FLAGS);
        expect("offsetof gpio_v2_line_config.num_attrs", GpioV2.CONFIG_NUM_ATTRS);
        expect("offsetof gpio_v2_line_config.attrs", GpioV2.CONFIG_ATTRS);
        size("gpio_v2_line_request", GpioV2.LINE_REQUEST);
        expect("offsetof gpio_v2_line_request.offsets", GpioV2.REQUEST_OFFSETS);
        expect("offsetof gpio_v2_line_request.consumer", GpioV2.REQUEST_CONSUMER);
        expect("offsetof gpio_v2_line_request.config", GpioV2.REQUEST_CONFIG);
        expect("offsetof gpio_v2_line_request.num_lines", GpioV2.REQUEST_NUM_LINES);
        expect("offsetof gpio_v2_line_request.event_buffer_size", GpioV2.REQUEST_EVENT_BUFFER_SIZE);
        expect("offsetof gpio_v2_line_request.fd", GpioV2.REQUEST_FD);
        size("gpio_v2_line_event", GpioV2.LINE_EVENT);
        assertThat(GpioV2.LINE_EVENT.byteSize()).isEqualTo(48);
        expect("offsetof gpio_v2_line_event.timestamp_ns", GpioV2.EVENT_TIMESTAMP);
        expect("offsetof gpio_v2_line_event.id", GpioV2.EVENT_ID);
        expect("offsetof gpio_v2_line_event.offset", GpioV2.EVENT_OFFSET);
        expect("offsetof gpio_v2_line_event.seqno", GpioV2.EVENT_SEQNO);
        expect("offsetof gpio_v2_line_event.line_seqno", GpioV2.EVENT_LINE_SEQNO);
        size("gpio_v2_line_values", GpioV2.LINE_VALUES);
        expect("offsetof gpio_v2_line_values.bits", GpioV2.VALUES_BITS);
        expect("offsetof gpio_v2_line_values.mask", GpioV2.VALUES_MASK);
        expect("GPIO_V2_LINE_GET_VALUES_IOCTL", GpioV2.GPIO_V2_LINE_GET_VALUES_IOCTL);
        expect("GPIO_V2_LINE_EVENT_RISING_EDGE", GpioV2.GPIO_V2_LINE_EVENT_RISING_EDGE);
        expect("GPIO_V2_LINE_EVENT_FALLING_EDGE", GpioV2.GPIO_V2_LINE_EVENT_FALLING_EDGE);
        expect("GPIO_GET_CHIPINFO_IOCTL", GpioV2.GPIO_GET_CHIPINFO_IOCTL);
        expect("GPIO_V2_GET_LINE_IOCTL", GpioV2.GPIO_V2_GET_LINE_IOCTL);
        expect("GPIO_V2_LINE_SET_CONFIG_IOCTL", GpioV2.GPIO_V2_LINE_SET_CONFIG_IOCTL);
        expect("GPIO_V2_LINE_FLAG_INPUT", GpioV2.GPIO_V2_LINE_FLAG_INPUT);
        expect("GPIO_V2_LINE_FLAG_EDGE_RISING", GpioV2.GPIO_V2_LINE_FLAG_EDGE_RISING);
        expect("GPIO_V2_LINE_FLAG_EDGE_FALLING", GpioV2.GPIO_V2_LINE_FLAG_EDGE_FALLING);
        expect("GPIO_V2_LINE_ATTR_ID_FLAGS", GpioV2.GPIO_V2_LINE_ATTR_ID_FLAGS);
        expect("GPIO_V2_LINE_ATTR_ID_DEBOUNCE", GpioV2.GPIO_V2_LINE_ATTR_ID_DEBOUNCE);
        expect("GPIO_V2_LINES_MAX", GpioV2.GPIO_V2_LINES_MAX);
        expect("GPIO_V2_LINE_NUM_ATTRS_MAX", GpioV2.GPIO_V2_LINE_NUM_ATTRS_MAX);
    }

    @Test
    void vfioStructsAndIoctls() {
        size("vfio_group_status", Vfio.GROUP_STATUS);
        expect("offsetof vfio_group_status.flags", Vfio.GROUP_STATUS_FLAGS);
        size("vfio_device_info", Vfio.DEVICE_INFO);
        expect("offsetof vfio_device_info.num_regions", Vfio.DEVICE_INFO_NUM_REGIONS);
        expect("offsetof vfio_device_info.num_irqs", Vfio.DEVICE_INFO_NUM_IRQS);
        size("vfio_region_info", Vfio.REGION_INFO);
        expect("offsetof vfio_region_info.flags", Vfio.REGION_INFO_FLAGS);
        expect("offsetof vfio_region_info.index", Vfio.REGION_INFO_INDEX);
        expect("offsetof vfio_region_info.size", Vfio.REGION_INFO_SIZE);
        expect("offsetof vfio_region_info.offset", Vfio.REGION_INFO_OFFSET);
        size("vfio_irq_info", Vfio.IRQ_INFO);
        expect("offsetof vfio_irq_info.flags", Vfio.IRQ_INFO_FLAGS);
        expect("offsetof vfio_irq_info.index", Vfio.IRQ_INFO_INDEX);
        expect("offsetof vfio_irq_info.count", Vfio.IRQ_INFO_COUNT);
        size("vfio_irq_set", Vfio.IRQ_SET);
        expect("offsetof vfio_irq_set.flags", Vfio.IRQ_SET_FLAGS);
        expect("offsetof vfio_irq_set.index", Vfio.IRQ_SET_INDEX);
        expect("offsetof vfio_irq_set.start", Vfio.IRQ_SET_START);
        expect("offsetof vfio_irq_set.count", Vfio.IRQ_SET_COUNT);
        expect("offsetof vfio_irq_set.data", Vfio.IRQ_SET_DATA);
        expect("VFIO_PCI_CONFIG_REGION_INDEX", Vfio.VFIO_PCI_CONFIG_REGION_INDEX);
        size("vfio_iommu_type1_dma_map", Vfio.DMA_MAP);
        expect("offsetof vfio_iommu_type1_dma_map.flags", Vfio.DMA_MAP_FLAGS);
        expect("offsetof vfio_iommu_type1_dma_map.vaddr", Vfio.DMA_MAP_VADDR);
        expect("offsetof vfio_iommu_type1_dma_map.iova", Vfio.DMA_MAP_IOVA);
        expect("offsetof vfio_iommu_type1_dma_map.size", Vfio.DMA_MAP_SIZE);
        size("vfio_iommu_type1_dma_unmap", Vfio.DMA_UNMAP);
        expect("offsetof vfio_iommu_type1_dma_unmap.iova", Vfio.DMA_UNMAP_IOVA);
        expect("offsetof vfio_iommu_type1_dma_unmap.size", Vfio.DMA_UNMAP_SIZE);
        expect("VFIO_IOMMU_MAP_DMA", Vfio.VFIO_IOMMU_MAP_DMA);
        expect("VFIO_IOMMU_UNMAP_DMA", Vfio.VFIO_IOMMU_UNMAP_DMA);
        expect("VFIO_DMA_MAP_FLAG_READ", Vfio.VFIO_DMA_MAP_FLAG_READ);
        expect("VFIO_DMA_MAP_FLAG_WRITE", Vfio.VFIO_DMA_MAP_FLAG_WRITE);
        expect("PCI_COMMAND", Vfio.PCI_COMMAND);
        expect("PCI_COMMAND_MASTER", Vfio.PCI_COMMAND_MASTER);
        expect("PCI_COMMAND", Uio.PCI_COMMAND);
        expect("PCI_COMMAND_INTX_DISABLE", Uio.PCI_COMMAND_INTX_DISABLE);
        expect("VFIO_API_VERSION", Vfio.VFIO_API_VERSION);
        expect("VFIO_TYPE1_IOMMU", Vfio.VFIO_TYPE1_IOMMU);
        expect("VFIO_TYPE1v2_IOMMU", Vfio.VFIO_TYPE1v2_IOMMU);
        expect("VFIO_GET_API_VERSION", Vfio.VFIO_GET_API_VERSION);
        expect("VFIO_CHECK_EXTENSION", Vfio.VFIO_CHECK_EXTENSION);
        expect("VFIO_SET_IOMMU", Vfio.VFIO_SET_IOMMU);
        expect("VFIO_GROUP_GET_STATUS", Vfio.VFIO_GROUP_GET_STATUS);
        expect("VFIO_GROUP_SET_CONTAINER", Vfio.VFIO_GROUP_SET_CONTAINER);
        expect("VFIO_GROUP_GET_DEVICE_FD", Vfio.VFIO_GROUP_GET_DEVICE_FD);
        expect("VFIO_DEVICE_GET_REGION_INFO", Vfio.VFIO_DEVICE_GET_REGION_INFO);
        expect("VFIO_DEVICE_GET_IRQ_INFO", Vfio.VFIO_DEVICE_GET_IRQ_INFO);
        expect("VFIO_DEVICE_SET_IRQS", Vfio.VFIO_DEVICE_SET_IRQS);
        expect("VFIO_DEVICE_GET_INFO", Vfio.VFIO_DEVICE_GET_INFO);
        expect("VFIO_GROUP_FLAGS_VIABLE", Vfio.VFIO_GROUP_FLAGS_VIABLE);
        expect("VFIO_REGION_INFO_FLAG_MMAP", Vfio.VFIO_REGION_INFO_FLAG_MMAP);
        expect("VFIO_IRQ_INFO_EVENTFD", Vfio.VFIO_IRQ_INFO_EVENTFD);
        expect("VFIO_IRQ_SET_DATA_NONE", Vfio.VFIO_IRQ_SET_DATA_NONE);
        expect("VFIO_IRQ_SET_DATA_EVENTFD", Vfio.VFIO_IRQ_SET_DATA_EVENTFD);
        expect("VFIO_IRQ_SET_ACTION_MASK", Vfio.VFIO_IRQ_SET_ACTION_MASK);
        expect("VFIO_IRQ_SET_ACTION_UNMASK", Vfio.VFIO_IRQ_SET_ACTION_UNMASK);
        expect("VFIO_IRQ_SET_ACTION_TRIGGER", Vfio.VFIO_IRQ_SET_ACTION_TRIGGER);
        expect("VFIO_PCI_INTX_IRQ_INDEX", Vfio.VFIO_PCI_INTX_IRQ_INDEX);
        expect("VFIO_PCI_MSI_IRQ_INDEX", Vfio.VFIO_PCI_MSI_IRQ_INDEX);
        expect("VFIO_PCI_MSIX_IRQ_INDEX", Vfio.VFIO_PCI_MSIX_IRQ_INDEX);
    }
}

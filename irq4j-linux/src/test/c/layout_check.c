/*
 * Prints the sizes, offsets, ioctl numbers and constants irq4j-linux declares in Java, as the
 * kernel headers (linux-libc-dev) and the C library define them, one "name value" per line.
 * LayoutCheckTest compiles it with gcc, runs it and compares every line to the Java constant.
 */
#include <stddef.h>
#include <stdio.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <linux/gpio.h>
#include <linux/vfio.h>
#include <linux/pci_regs.h>

#define P(name, value) printf("%s %lld\n", name, (long long) (value))
#define SIZE(type) P("sizeof " #type, sizeof(struct type))
#define OFF(type, field) P("offsetof " #type "." #field, offsetof(struct type, field))

int main(void) {
    SIZE(epoll_event);
    OFF(epoll_event, events);
    OFF(epoll_event, data);
    P("EPOLLIN", EPOLLIN);
    P("EPOLLET", (unsigned int) EPOLLET);
    P("EPOLL_CTL_ADD", EPOLL_CTL_ADD);
    P("EPOLL_CTL_DEL", EPOLL_CTL_DEL);
    P("EPOLL_CTL_MOD", EPOLL_CTL_MOD);
    P("EFD_NONBLOCK", EFD_NONBLOCK);
    P("EFD_CLOEXEC", EFD_CLOEXEC);
    P("TFD_NONBLOCK", TFD_NONBLOCK);
    SIZE(itimerspec);
    OFF(itimerspec, it_interval);
    OFF(itimerspec, it_value);
    P("O_NONBLOCK", O_NONBLOCK);
    P("O_CLOEXEC", O_CLOEXEC);
    P("O_SYNC", O_SYNC);
    P("sizeof cpu_set_t", sizeof(cpu_set_t));

    SIZE(gpiochip_info);
    OFF(gpiochip_info, lines);
    SIZE(gpio_v2_line_attribute);
    OFF(gpio_v2_line_attribute, id);
    OFF(gpio_v2_line_attribute, flags);
    OFF(gpio_v2_line_attribute, debounce_period_us);
    SIZE(gpio_v2_line_config_attribute);
    OFF(gpio_v2_line_config_attribute, mask);
    SIZE(gpio_v2_line_config);
    OFF(gpio_v2_line_config, flags);
    OFF(gpio_v2_line_config, num_attrs);
    OFF(gpio_v2_line_config, attrs);
    SIZE(gpio_v2_line_request);
    OFF(gpio_v2_line_request, offsets);
    OFF(gpio_v2_line_request, consumer);
    OFF(gpio_v2_line_request, config);
    OFF(gpio_v2_line_request, num_lines);
    OFF(gpio_v2_line_request, event_buffer_size);
    OFF(gpio_v2_line_request, fd);
    SIZE(gpio_v2_line_event);
    OFF(gpio_v2_line_event, timestamp_ns);
    OFF(gpio_v2_line_event, id);
    OFF(gpio_v2_line_event, offset);
    OFF(gpio_v2_line_event, seqno);
    OFF(gpio_v2_line_event, line_seqno);
    SIZE(gpio_v2_line_values);
    OFF(gpio_v2_line_values, bits);
    OFF(gpio_v2_line_values, mask);
    P("GPIO_V2_LINE_GET_VALUES_IOCTL", GPIO_V2_LINE_GET_VALUES_IOCTL);
    P("GPIO_V2_LINE_EVENT_RISING_EDGE", GPIO_V2_LINE_EVENT_RISING_EDGE);
    P("GPIO_V2_LINE_EVENT_FALLING_EDGE", GPIO_V2_LINE_EVENT_FALLING_EDGE);
    P("GPIO_GET_CHIPINFO_IOCTL", GPIO_GET_CHIPINFO_IOCTL);
    P("GPIO_V2_GET_LINE_IOCTL", GPIO_V2_GET_LINE_IOCTL);
    P("GPIO_V2_LINE_SET_CONFIG_IOCTL", GPIO_V2_LINE_SET_CONFIG_IOCTL);
    P("GPIO_V2_LINE_FLAG_INPUT", GPIO_V2_LINE_FLAG_INPUT);
    P("GPIO_V2_LINE_FLAG_EDGE_RISING", GPIO_V2_LINE_FLAG_EDGE_RISING);
    P("GPIO_V2_LINE_FLAG_EDGE_FALLING", GPIO_V2_LINE_FLAG_EDGE_FALLING);
    P("GPIO_V2_LINE_ATTR_ID_FLAGS", GPIO_V2_LINE_ATTR_ID_FLAGS);
    P("GPIO_V2_LINE_ATTR_ID_DEBOUNCE", GPIO_V2_LINE_ATTR_ID_DEBOUNCE);
    P("GPIO_V2_LINES_MAX", GPIO_V2_LINES_MAX);
    P("GPIO_V2_LINE_NUM_ATTRS_MAX", GPIO_V2_LINE_NUM_ATTRS_MAX);

    SIZE(vfio_group_status);
    OFF(vfio_group_status, flags);
    SIZE(vfio_device_info);
    OFF(vfio_device_info, num_regions);
    OFF(vfio_device_info, num_irqs);
    SIZE(vfio_region_info);
    OFF(vfio_region_info, flags);
    OFF(vfio_region_info, index);
    OFF(vfio_region_info, size);
    OFF(vfio_region_info, offset);
    SIZE(vfio_irq_info);
    OFF(vfio_irq_info, flags);
    OFF(vfio_irq_info, index);
    OFF(vfio_irq_info, count);
    SIZE(vfio_irq_set);
    OFF(vfio_irq_set, flags);
    OFF(vfio_irq_set, index);
    OFF(vfio_irq_set, start);
    OFF(vfio_irq_set, count);
    OFF(vfio_irq_set, data);
    P("VFIO_API_VERSION", VFIO_API_VERSION);
    P("VFIO_TYPE1_IOMMU", VFIO_TYPE1_IOMMU);
    P("VFIO_TYPE1v2_IOMMU", VFIO_TYPE1v2_IOMMU);
    P("VFIO_GET_API_VERSION", VFIO_GET_API_VERSION);
    P("VFIO_CHECK_EXTENSION", VFIO_CHECK_EXTENSION);
    P("VFIO_SET_IOMMU", VFIO_SET_IOMMU);
    P("VFIO_GROUP_GET_STATUS", VFIO_GROUP_GET_STATUS);
    P("VFIO_GROUP_SET_CONTAINER", VFIO_GROUP_SET_CONTAINER);
    P("VFIO_GROUP_GET_DEVICE_FD", VFIO_GROUP_GET_DEVICE_FD);
    P("VFIO_DEVICE_GET_INFO", VFIO_DEVICE_GET_INFO);
    P("VFIO_DEVICE_GET_REGION_INFO", VFIO_DEVICE_GET_REGION_INFO);
    P("VFIO_DEVICE_GET_IRQ_INFO", VFIO_DEVICE_GET_IRQ_INFO);
    P("VFIO_DEVICE_SET_IRQS", VFIO_DEVICE_SET_IRQS);
    P("VFIO_GROUP_FLAGS_VIABLE", VFIO_GROUP_FLAGS_VIABLE);
    P("VFIO_REGION_INFO_FLAG_MMAP", VFIO_REGION_INFO_FLAG_MMAP);
    P("VFIO_IRQ_INFO_EVENTFD", VFIO_IRQ_INFO_EVENTFD);
    P("VFIO_IRQ_SET_DATA_NONE", VFIO_IRQ_SET_DATA_NONE);
    P("VFIO_IRQ_SET_DATA_EVENTFD", VFIO_IRQ_SET_DATA_EVENTFD);
    P("VFIO_IRQ_SET_ACTION_MASK", VFIO_IRQ_SET_ACTION_MASK);
    P("VFIO_IRQ_SET_ACTION_UNMASK", VFIO_IRQ_SET_ACTION_UNMASK);
    P("VFIO_IRQ_SET_ACTION_TRIGGER", VFIO_IRQ_SET_ACTION_TRIGGER);
    P("VFIO_PCI_INTX_IRQ_INDEX", VFIO_PCI_INTX_IRQ_INDEX);
    P("VFIO_PCI_MSI_IRQ_INDEX", VFIO_PCI_MSI_IRQ_INDEX);
    P("VFIO_PCI_MSIX_IRQ_INDEX", VFIO_PCI_MSIX_IRQ_INDEX);
    P("VFIO_PCI_CONFIG_REGION_INDEX", VFIO_PCI_CONFIG_REGION_INDEX);
    SIZE(vfio_iommu_type1_dma_map);
    OFF(vfio_iommu_type1_dma_map, flags);
    OFF(vfio_iommu_type1_dma_map, vaddr);
    OFF(vfio_iommu_type1_dma_map, iova);
    OFF(vfio_iommu_type1_dma_map, size);
    SIZE(vfio_iommu_type1_dma_unmap);
    OFF(vfio_iommu_type1_dma_unmap, iova);
    OFF(vfio_iommu_type1_dma_unmap, size);
    P("VFIO_IOMMU_MAP_DMA", VFIO_IOMMU_MAP_DMA);
    P("VFIO_IOMMU_UNMAP_DMA", VFIO_IOMMU_UNMAP_DMA);
    P("VFIO_DMA_MAP_FLAG_READ", VFIO_DMA_MAP_FLAG_READ);
    P("VFIO_DMA_MAP_FLAG_WRITE", VFIO_DMA_MAP_FLAG_WRITE);
    P("PCI_COMMAND", PCI_COMMAND);
    P("PCI_COMMAND_MASTER", PCI_COMMAND_MASTER);
    P("PCI_COMMAND_INTX_DISABLE", PCI_COMMAND_INTX_DISABLE);
    return 0;
}

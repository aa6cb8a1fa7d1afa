package io.github.irq4j.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.spi.DeviceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error paths of the device sources and providers, and mapped registers over a memfd and a file. */
class DeviceErrorsAndRegistersTest {

    private static final Map<String, DeviceProvider> PROVIDERS = ServiceLoader.load(DeviceProvider.class).stream()
            .map(ServiceLoader.Provider::get).collect(Collectors.toMap(DeviceProvider::scheme, Function.identity()));

    @Test
    void everySchemeHasAProvider() {
        assertThat(PROVIDERS).containsKeys("eventfd", "timerfd", "uio", "vfio", "gpio");
        PROVIDERS.values().forEach(p -> assertThat(p.usage()).startsWith(p.scheme()));
    }

    @Test
    void missingUioDeviceSaysWhatToLoad() {
        assertThatThrownBy(() -> PROVIDERS.get("uio").open("/dev/uio97"))
                .isInstanceOfSatisfying(NativeIoException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.expectedErr()).isEqualTo(Errno.ENOENT);
                    assertThat(e.getMessage()).isEqualTo("open /dev/uio97: ENOENT (No such file or directory): "
                            + "no UIO device; load uio_pci_generic (modprobe uio_pci_generic) and bind the device to it");
                });
    }

    @Test
    void regularFileIsNotAGpioChip(@TempDir Path dir) throws IOException {
        Path notAChip = Files.writeString(dir.resolve("gpiochip9"), "not a chip");
        assertThatThrownBy(() -> PROVIDERS.get("gpio").open(notAChip + ":3"))
                .isInstanceOfSatisfying(NativeIoException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOTTY");
                    assertThat(e.getMessage()).startsWith("ioctl(GPIO_GET_CHIPINFO_IOCTL) " + notAChip + ": ENOTTY")
                            .contains("not a GPIO character device");
                });
    }

    @Test
    void missingGpioChipAndVfioGroupAreENOENT() {
        assertThatThrownBy(() -> PROVIDERS.get("gpio").open("/dev/gpiochip97:1"))
                .isInstanceOfSatisfying(NativeIoException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));
        assertThatThrownBy(() -> PROVIDERS.get("vfio").open("/dev/vfio/97/0000:00:03.0"))
                .isInstanceOfSatisfying(NativeIoException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.getMessage()).contains("vfio-pci");
                });
    }

    @Test
    void busyDevicesGetAHintOnWhoHoldsThem() {
        // No VFIO group or GPIO line exists here to make busy; the errno-to-message mapping is what can be checked.
        NativeIoException e = new NativeIoException("ioctl(VFIO_GROUP_SET_CONTAINER)", "/dev/vfio/12", Errno.EBUSY, Vfio.hint(Errno.EBUSY));
        assertThat(e.getMessage()).isEqualTo("ioctl(VFIO_GROUP_SET_CONTAINER) /dev/vfio/12: EBUSY (Device or resource busy): "
                + "the VFIO group or device is open in another process (QEMU?) or another device of the group is bound to a host driver");
        assertThat(new NativeIoException("ioctl(GPIO_V2_GET_LINE_IOCTL)", "/dev/gpiochip0:[17]", Errno.EBUSY, GpioV2.hint(Errno.EBUSY))
                .getMessage()).endsWith("the line is requested by another consumer; see gpioinfo");
    }

    @Test
    void malformedArgumentsStateTheSyntax() {
        assertThatThrownBy(() -> PROVIDERS.get("timerfd").open("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timerfd:PERIOD");
        assertThatThrownBy(() -> PROVIDERS.get("timerfd").open("fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timerfd:PERIOD: 'fast' is not a duration (expected: a whole number and a unit ns, us, ms, s or m, such as 1ms or 250us)");
        assertThatThrownBy(() -> PROVIDERS.get("timerfd").open("500ns")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PERIOD >= 1us");
        assertThatThrownBy(() -> PROVIDERS.get("eventfd").open("0ms")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is zero");
        assertThatThrownBy(() -> PROVIDERS.get("uio").open("/dev/sda")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uio:/dev/uioN");
        assertThatThrownBy(() -> PROVIDERS.get("gpio").open("/dev/gpiochip0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(GpioDeviceProvider.SYNTAX);
        assertThatThrownBy(() -> PROVIDERS.get("gpio").open("/dev/gpiochip0:x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 'x' is not a line offset");
        assertThatThrownBy(() -> PROVIDERS.get("gpio").open("/dev/gpiochip0:3:buffer=0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffer '0'").hasMessageContaining("from 1 to 1024");
        assertThatThrownBy(() -> PROVIDERS.get("gpio").open("/dev/gpiochip0:3:buffer=lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("buffer 'lots'");
        assertThatThrownBy(() -> PROVIDERS.get("gpio").open("/dev/gpiochip0:3:fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option 'fast'");
        assertThatThrownBy(() -> PROVIDERS.get("vfio").open("0000:00:03.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(VfioDeviceProvider.SYNTAX);
        assertThatThrownBy(() -> PROVIDERS.get("vfio").open("12/00:03.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DDDD:BB:DD.F");
        assertThatThrownBy(() -> PROVIDERS.get("vfio").open("12/0000:00:03.0#msi=0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VECTORS a positive integer");
    }

    @Test
    void vfioSyntaxParses() {
        VfioDeviceProvider.Spec s = VfioDeviceProvider.parse("12/0000:00:03.0#msix=4");
        assertThat(s).isEqualTo(new VfioDeviceProvider.Spec(Path.of("/dev/vfio/12"), "0000:00:03.0", Vfio.VFIO_PCI_MSIX_IRQ_INDEX, 4));
        assertThat(VfioDeviceProvider.parse("/dev/vfio/7/0000:01:00.1"))
                .isEqualTo(new VfioDeviceProvider.Spec(Path.of("/dev/vfio/7"), "0000:01:00.1", -1, 0));
    }

    @Test
    void registersOverAMemfdSeeEachOthersWrites() throws IOException {
        int fd = Mmap.memfd("regs", 2 * Mmap.PAGE_SIZE);
        try (MappedRegisters a = MappedRegisters.map("a", fd, 0, 2 * Mmap.PAGE_SIZE, "memfd");
             MappedRegisters b = MappedRegisters.map("b", fd, Mmap.PAGE_SIZE, Mmap.PAGE_SIZE, "memfd")) {
            a.write32(Mmap.PAGE_SIZE + 8, 0xCAFEBABE);
            assertThat(b.read32(8)).isEqualTo(0xCAFEBABE);
            assertThat(b.read16(8)).isEqualTo(0xBABE);
            assertThat(b.read8(11)).isEqualTo(0xCA);
            b.write64(16, 0x0123_4567_89AB_CDEFL);
            assertThat(a.read64(Mmap.PAGE_SIZE + 16)).isEqualTo(0x0123_4567_89AB_CDEFL);
            b.write8(0, 0xFF);
            b.write16(2, 0x8001);
            assertThat(a.read32(Mmap.PAGE_SIZE)).isEqualTo(0x8001_00FF);
            assertThat(a.size()).isEqualTo(2 * Mmap.PAGE_SIZE);
            assertThatThrownBy(() -> a.read32(2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.read64(Mmap.PAGE_SIZE)).isInstanceOf(IndexOutOfBoundsException.class);
            b.close();
            assertThatThrownBy(() -> b.read8(0)).isInstanceOf(IllegalStateException.class);
        } finally {
            FileDescriptors.close(fd);
        }
    }

    @Test
    void registersOverAFileAndMissingBars(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("resource0");
        Files.write(file, new byte[(int) Mmap.PAGE_SIZE]);
        try (MappedRegisters regs = MappedRegisters.mapPciResource(dir, 0)) {
            regs.write32(4, 42);
            assertThat(regs.read32(4)).isEqualTo(42);
        }
        assertThat(Files.readAllBytes(file)[4]).isEqualTo((byte) 42);
        assertThatThrownBy(() -> MappedRegisters.mapPciResource(dir, 1)).isInstanceOfSatisfying(NativeIoException.class,
                e -> assertThat(e.getMessage()).contains("resource1: ENOENT").contains("lspci -D"));
        assertThatThrownBy(() -> MappedRegisters.mapFile("x", file, 100, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of the page size");
    }
}

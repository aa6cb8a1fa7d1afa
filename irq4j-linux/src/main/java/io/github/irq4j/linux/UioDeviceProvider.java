package io.github.irq4j.linux;

import io.github.irq4j.InterruptMode;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.MemoryResource;
import io.github.irq4j.Resource;
import io.github.irq4j.spi.DeviceProvider;
import io.github.irq4j.spi.ProvidedDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --device uio:/dev/uioN}: the device's interrupt (a level-sensitive INTx line for
 * {@code uio_pci_generic}) and one {@link MemoryResource} per map in {@code /sys/class/uio/uioN/maps}.
 */
public final class UioDeviceProvider implements DeviceProvider {

    static final String SYNTAX = "uio:/dev/uioN";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public UioDeviceProvider() {
    }

    @Override
    public String scheme() {
        return "uio";
    }

    @Override
    public String usage() {
        return "uio:/dev/uioN  a UIO device (uio_pci_generic): its interrupt and its maps (e.g. uio:/dev/uio0)";
    }

    @Override
    public ProvidedDevice open(String argument) throws IOException {
        if (argument == null || !argument.matches("/dev/uio\\d+")) {
            throw new IllegalArgumentException("uio: '" + argument + "' (expected: " + SYNTAX + ", such as uio:/dev/uio0)");
        }
        Path device = Path.of(argument);
        UioSource source = new UioSource(device);
        List<Resource> resources = new ArrayList<>();
        List<MappedRegisters> maps = new ArrayList<>();
        String name = device.getFileName().toString();
        resources.add(InterruptResource.line(name + ".irq", source, 0, InterruptMode.LEVEL_SENSITIVE));
        try {
            for (int m = 0, n = Uio.mapCount(device); m < n; m++) {
                MappedRegisters regs = MappedRegisters.mapUio(device, m);
                maps.add(regs);
                resources.add(new MemoryResource(regs.name(), regs));
            }
        } catch (IOException | RuntimeException e) {
            maps.forEach(MappedRegisters::close);
            throw e;
        }
        return new LinuxProvidedDevice(name, resources, null, () -> {
            source.close();
            maps.forEach(MappedRegisters::close);
        });
    }
}

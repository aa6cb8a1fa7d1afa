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
 * {@code --device vfio:GROUP/DEVICE[#intx|#msi|#msix][=VECTORS]}: a PCI device bound to
 * {@code vfio-pci}. GROUP is the group node or its number ({@code /dev/vfio/12} or {@code 12}),
 * DEVICE the PCI address ({@code 0000:00:03.0}). Without {@code #...} the interrupts are MSI-X if
 * the device has any, else MSI, else INTx, all vectors; {@code =VECTORS} takes fewer. Every
 * mappable BAR becomes a {@link MemoryResource}. Examples: {@code vfio:/dev/vfio/12/0000:00:03.0},
 * {@code vfio:12/0000:00:03.0#msix=4}.
 */
public final class VfioDeviceProvider implements DeviceProvider {

    static final String SYNTAX = "vfio:GROUP/DEVICE[#intx|#msi|#msix][=VECTORS]";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public VfioDeviceProvider() {
    }

    @Override
    public String scheme() {
        return "vfio";
    }

    @Override
    public String usage() {
        return SYNTAX + "  a vfio-pci device: its interrupts and BARs (e.g. vfio:/dev/vfio/12/0000:00:03.0)";
    }

    /** The parsed argument: group node, PCI address, IRQ index (-1 = best), vectors (0 = all). */
    record Spec(Path group, String device, int irqIndex, int vectors) {
    }

    static Spec parse(String argument) {
        String arg = argument == null ? "" : argument;
        int slash = arg.lastIndexOf('/');
        if (slash <= 0 || slash == arg.length() - 1) {
            throw new IllegalArgumentException("vfio: '" + argument + "' (expected: " + SYNTAX + ", such as vfio:/dev/vfio/12/0000:00:03.0)");
        }
        String groupPart = arg.substring(0, slash);
        String rest = arg.substring(slash + 1);
        int irqIndex = -1;
        int vectors = 0;
        int hash = rest.indexOf('#');
        String device = hash < 0 ? rest : rest.substring(0, hash);
        if (hash >= 0) {
            String irq = rest.substring(hash + 1);
            int eq = irq.indexOf('=');
            String kind = eq < 0 ? irq : irq.substring(0, eq);
            irqIndex = switch (kind) {
                case "intx" -> Vfio.VFIO_PCI_INTX_IRQ_INDEX;
                case "msi" -> Vfio.VFIO_PCI_MSI_IRQ_INDEX;
                case "msix" -> Vfio.VFIO_PCI_MSIX_IRQ_INDEX;
                default -> throw new IllegalArgumentException("vfio: interrupt kind '" + kind + "' (expected: " + SYNTAX + ")");
            };
            if (eq >= 0) {
                try {
                    vectors = Integer.parseInt(irq.substring(eq + 1));
                } catch (NumberFormatException e) {
                    vectors = -1;
                }
                if (vectors < 1) {
                    throw new IllegalArgumentException("vfio: vectors '" + irq.substring(eq + 1) + "' (expected: " + SYNTAX
                            + " with VECTORS a positive integer)");
                }
            }
        }
        if (!device.matches("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]")) {
            throw new IllegalArgumentException("vfio: device '" + device + "' (expected: " + SYNTAX
                    + " with DEVICE a PCI address DDDD:BB:DD.F such as 0000:00:03.0)");
        }
        Path group = groupPart.matches("\\d+") ? Path.of("/dev/vfio", groupPart) : Path.of(groupPart);
        return new Spec(group, device, irqIndex, vectors);
    }

    @Override
    public ProvidedDevice open(String argument) throws IOException {
        Spec spec = parse(argument);
        VfioDevice device = new VfioDevice(spec.group(), spec.device());
        List<MappedRegisters> bars = new ArrayList<>();
        try {
            device.enableBusMaster();   // MSI/MSI-X messages are memory writes: blocked without it
            int index = spec.irqIndex();
            if (index < 0) {
                index = device.irqCount(Vfio.VFIO_PCI_MSIX_IRQ_INDEX) > 0 ? Vfio.VFIO_PCI_MSIX_IRQ_INDEX
                        : device.irqCount(Vfio.VFIO_PCI_MSI_IRQ_INDEX) > 0 ? Vfio.VFIO_PCI_MSI_IRQ_INDEX
                        : Vfio.VFIO_PCI_INTX_IRQ_INDEX;
            }
            int vectors = spec.vectors() > 0 ? spec.vectors() : device.irqCount(index);
            VfioSource source = new VfioSource(device, index, vectors);
            List<Resource> resources = new ArrayList<>();
            for (int v = 0; v < vectors; v++) {
                InterruptResource r = InterruptResource.line(spec.device() + ".irq" + v, source, v,
                        index == Vfio.VFIO_PCI_INTX_IRQ_INDEX ? InterruptMode.LEVEL_SENSITIVE : InterruptMode.LATCHED);
                resources.add(index == Vfio.VFIO_PCI_INTX_IRQ_INDEX ? r : r.asMessageSignaled());
            }
            for (int bar = 0; bar < Vfio.VFIO_PCI_NUM_BARS; bar++) {
                if (device.isMappable(bar)) {
                    MappedRegisters regs = device.mapRegion(bar);
                    bars.add(regs);
                    resources.add(new MemoryResource(regs.name(), regs));
                }
            }
            return new LinuxProvidedDevice(spec.device(), resources, null, () -> {
                source.close();
                bars.forEach(MappedRegisters::close);
                device.close();
            });
        } catch (IOException | RuntimeException e) {
            bars.forEach(MappedRegisters::close);
            device.close();
            throw e;
        }
    }
}

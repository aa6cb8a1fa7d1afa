package io.github.irq4j.samples;

import io.github.irq4j.Device;
import io.github.irq4j.MemoryResource;
import io.github.irq4j.Registers;
import io.github.irq4j.Resource;
import java.util.List;

/** What the sample drivers do with their resources in {@code EvtDevicePrepareHardware}. */
final class SampleResources {

    private SampleResources() {
    }

    /**
     * The device's register window: its (last) {@link MemoryResource}, as {@code MmMapIoSpace} of the
     * {@code CmResourceTypeMemory} descriptor would give it.
     *
     * @param what the registers' owner for the message, such as {@code "the UART's"}
     * @param scheme the device the driver is written for, such as {@code "uart"}
     * @throws IllegalArgumentException if the device has no register window
     */
    static Registers registers(Device device, List<Resource> resources, String what, String scheme) {
        Registers regs = null;
        for (Resource r : resources) {
            if (r instanceof MemoryResource m) {
                regs = m.registers();
            }
        }
        if (regs == null) {
            throw new IllegalArgumentException("device '" + device.name() + "' has no MemoryResource with " + what + " registers;"
                    + " run this driver on a '" + scheme + "' device");
        }
        return regs;
    }
}

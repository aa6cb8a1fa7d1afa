package io.github.irq4j.sim;

import io.github.irq4j.InterruptResource;
import io.github.irq4j.MemoryResource;
import java.lang.foreign.MemorySegment;

/**
 * A simulated {@code edu} device ({@link SimEdu}) opened by {@code --device edu[:msi]} or by a
 * test: on line 0 of its own controller, a level line (INTx) or an MSI vector. The device raises
 * interrupts only when its driver asks for them, so {@link #startTraffic()} only paces virtual time.
 */
public final class EduDevice extends SimProvidedDevice {

    private final SimEdu edu;

    private EduDevice(String name, Simulation simulation, SimInterruptController controller, SimEdu edu, boolean msi) {
        super(name, simulation, controller,
                controller.resource(name + (msi ? ".msi0" : ".intx"), 0),
                new MemoryResource(name + ".bar0", edu.registers()));
        this.edu = edu;
    }

    /**
     * An edu device named {@code name} on its own simulation and controller.
     *
     * @param msi an MSI vector instead of a level (INTx) line
     * @param hostMemory host memory its DMA reaches, {@code null} for none
     * @param hostAddress the bus address of {@code hostMemory}
     */
    public static EduDevice create(String name, boolean msi, MemorySegment hostMemory, long hostAddress) {
        Simulation sim = new Simulation();
        SimInterruptController pic = new SimInterruptController(name + "-pic", msi ? LineMode.MSI : LineMode.LEVEL);
        return new EduDevice(name, sim, pic, new SimEdu(name, sim, pic, 0, hostMemory, hostAddress), msi);
    }

    /** The device model. */
    public SimEdu edu() {
        return edu;
    }

    @Override
    void onStartTraffic() {
        // the driver's requests are the traffic
    }

    @Override
    void onStopTraffic() {
        // nothing runs by itself
    }

    @Override
    public String toString() {
        return "EduDevice{" + edu + "}";
    }
}

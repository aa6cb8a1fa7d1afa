package io.github.irq4j.sim;

import io.github.irq4j.MemoryResource;

/**
 * A simulated timer opened by {@code --device timer[:PERIOD]}: a {@link SimTimer} on line 0 (edge)
 * of its own controller, with {@code PERIOD_NS} preset. {@link #startTraffic()} starts it running
 * with its interrupt enabled ({@code CONTROL = ENABLE | INT_ENABLE}), as firmware would, so any
 * driver gets its ticks; a driver may reprogram it through its registers.
 */
public final class TimerDevice extends SimProvidedDevice {

    private final SimTimer timer;

    TimerDevice(String name, Simulation simulation, SimInterruptController controller, SimTimer timer) {
        super(name, simulation, controller, controller.resource(name + ".irq", 0),
                new MemoryResource(name + ".regs", timer.registers()));
        this.timer = timer;
    }

    /** A timer named {@code name} with period {@code periodNs} on its own simulation and controller. */
    public static TimerDevice create(String name, long periodNs) {
        Simulation sim = new Simulation();
        SimInterruptController pic = new SimInterruptController(name + "-pic", LineMode.EDGE);
        return new TimerDevice(name, sim, pic, new SimTimer(name, sim, pic, 0, periodNs));
    }

    /** The timer model. */
    public SimTimer timer() {
        return timer;
    }

    @Override
    void onStartTraffic() {
        timer.start();
    }

    @Override
    void onStopTraffic() {
        timer.stop();
    }

    @Override
    public String toString() {
        return "TimerDevice{" + timer + "}";
    }
}

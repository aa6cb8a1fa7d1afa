package io.github.irq4j.sim;

import io.github.irq4j.MemoryResource;

/**
 * A simulated UART opened by {@code --device uart[:OPTIONS]}: a {@link SimUart} on line 0 (level)
 * of its own controller, fed by a {@link UartTraffic} generator once {@link #startTraffic()} is
 * called. {@link #uart()} and {@link #traffic()} let tests and the demo check that every byte
 * arrived: {@code traffic().sent() == uart().received() + uart().dropped()}.
 */
public final class UartDevice extends SimProvidedDevice {

    private final SimUart uart;
    private final UartTraffic traffic;

    UartDevice(String name, Simulation simulation, SimInterruptController controller, SimUart uart, UartTraffic traffic) {
        super(name, simulation, controller, controller.resource(name + ".irq", 0),
                new MemoryResource(name + ".regs", uart.registers()));
        this.uart = uart;
        this.traffic = traffic;
    }

    /**
     * A UART named {@code name} on its own simulation and controller.
     *
     * @param bytesPerSecond the generator's rate
     * @param fifoSize the FIFO capacity
     * @param limit bytes to send in all, 0 for no limit
     */
    public static UartDevice create(String name, long bytesPerSecond, int fifoSize, long limit) {
        Simulation sim = new Simulation();
        SimInterruptController pic = new SimInterruptController(name + "-pic", LineMode.LEVEL);
        SimUart uart = new SimUart(name, sim, pic.levelOutput(0), fifoSize);
        return new UartDevice(name, sim, pic, uart, new UartTraffic(uart, bytesPerSecond, limit));
    }

    /** The UART model. */
    public SimUart uart() {
        return uart;
    }

    /** The traffic generator. */
    public UartTraffic traffic() {
        return traffic;
    }

    @Override
    void onStartTraffic() {
        traffic.start();
    }

    @Override
    void onStopTraffic() {
        traffic.stop();
    }

    @Override
    public String toString() {
        return "UartDevice{" + uart + ", " + traffic + "}";
    }
}

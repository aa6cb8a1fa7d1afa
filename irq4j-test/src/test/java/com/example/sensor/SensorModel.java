package com.example.sensor;

import io.github.irq4j.sim.ByteFifo;
import io.github.irq4j.sim.LevelOutput;
import io.github.irq4j.sim.SimDevice;
import io.github.irq4j.sim.SimEvent;
import io.github.irq4j.sim.Simulation;
import io.github.irq4j.test.ModelFactory;
import io.github.irq4j.test.SimHost;

/** A sensor that buffers samples in a 16-entry FIFO and raises a level interrupt while it holds data. */
public final class SensorModel {

    public static final int INT_STATUS = 0x00; // R: latched causes
    public static final int INT_MASK = 0x04;   // R/W: a set bit masks the cause
    public static final int INT_ACK = 0x08;    // W: write 1s to clear causes
    public static final int DATA = 0x0C;       // R: pops the oldest sample
    public static final int COUNT = 0x10;      // R: samples in the FIFO
    public static final int DATA_READY = 1;

    private final ByteFifo samples = new ByteFifo(16);
    private final SimDevice device;

    public SensorModel(String name, Simulation simulation, LevelOutput irq) {
        device = SimDevice.builder(name, simulation)
                .levelLine(irq)
                .causes(DATA_READY)
                .interruptStatus("INT_STATUS", INT_STATUS, 4)
                .interruptMask("INT_MASK", INT_MASK, 4)
                .interruptAck("INT_ACK", INT_ACK, 4)
                .readOnly("DATA", DATA, 4, () -> Math.max(samples.pop(), 0))
                .readOnly("COUNT", COUNT, 4, samples::count)
                .relatchOnAck(DATA_READY, () -> !samples.isEmpty())
                .build();
    }

    /** Samples {@code values} arrive at virtual time {@code dueNanos}. */
    public void measureAt(long dueNanos, byte... values) {
        device.simulation().clock().schedule(new SimEvent(device.name() + ".measure") {
            @Override
            protected void fire(long nowNanos) {
                synchronized (device.lock()) {
                    for (byte v : values) {
                        samples.push(v);
                    }
                    device.raise(DATA_READY);
                }
            }
        }, dueNanos);
    }

    public SimDevice device() {
        return device;
    }

    /** Makes the model for {@code @Model(SensorModel.Factory.class)} parameters. */
    public static final class Factory implements ModelFactory<SensorModel> {
        @Override
        public SensorModel create(SimHost host, String name) {
            SensorModel sensor = new SensorModel(name, host.simulation(), host.levelLine(name));
            host.attach(name, sensor.device().registers());
            return sensor;
        }
    }
}

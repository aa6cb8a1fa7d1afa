package com.example.sensor;

/** The sensor's driver with the read path fixed: it holds the interrupt lock, as the ISR does. */
public class FixedSensorDriver extends SensorDriver {

    @Override
    public void read(int max) {
        interrupt.acquireLock();
        try {
            take(max);
        } finally {
            interrupt.releaseLock();
        }
    }
}

package com.example.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.test.DriverTest;
import io.github.irq4j.test.Model;
import io.github.irq4j.test.Replay;
import io.github.irq4j.test.SimHost;

@DriverTest
class SensorDriverReplayTest {

    @Replay(seed = 9)
    void everySampleArrivesExactlyOnce(SimHost host, @Model(value = SensorModel.Factory.class, name = "sensor0") SensorModel sensor) {
        SensorDriver driver = new SensorDriver();
        host.start(driver, sensor.device());
        sensor.measureAt(1_000, new byte[] {1, 2, 3, 4, 5, 6});
        sensor.measureAt(2_000, new byte[] {7, 8, 9, 10, 11, 12});
        for (int r = 0; r < 3; r++) {
            host.scriptAt(800L * r + 500, "read#" + r, () -> driver.read(4));
        }
        host.runUntilIdle();

        assertThat(driver.delivered()).as("samples delivered, in order, exactly once").isEqualTo(SensorDriverTest.SAMPLES);
    }
}

package io.github.irq4j.sim;

import io.github.irq4j.spi.SignalHandler;
import java.util.ArrayList;
import java.util.List;

/** A signal handler for tests: records each (message, count) and acknowledges with a fixed answer. */
final class RecordingHandler implements SignalHandler {

    record Signal(int message, long count) {
    }

    private final SimInterruptController controller;
    final List<Signal> signals = new ArrayList<>();
    boolean claim = true;
    boolean acknowledge = true;

    RecordingHandler(SimInterruptController controller) {
        this.controller = controller;
    }

    @Override
    public void onSignal(int message, long count) {
        signals.add(new Signal(message, count));
        if (acknowledge) {
            controller.acknowledge(message, claim);
        }
    }
}

package io.github.irq4j;

/** Receives every fault the host contains. May be called on any framework thread; do not block. */
@FunctionalInterface
public interface FaultListener {
    void onFault(Fault fault);
}

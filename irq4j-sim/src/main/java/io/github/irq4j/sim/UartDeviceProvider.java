package io.github.irq4j.sim;

import io.github.irq4j.spi.DeviceProvider;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens {@code uart[:OPTIONS]}: a simulated {@link SimUart} ({@link UartDevice}). Options, comma
 * separated:
 * <ul>
 * <li>{@code rate=N}: bytes per second the traffic generator sends, 1 to
 *     {@link UartTraffic#MAX_RATE}; default {@link UartTraffic#DEFAULT_RATE}</li>
 * <li>{@code fifo=N}: the receive FIFO's capacity, 1 to {@link SimUart#MAX_FIFO_SIZE}; default
 *     {@link SimUart#DEFAULT_FIFO_SIZE}</li>
 * <li>{@code limit=N}: bytes to send in all, then stop; default 0, no limit</li>
 * </ul>
 * Examples: {@code uart}, {@code uart:rate=2000}, {@code uart:rate=50000,fifo=64,limit=100000}.
 * Devices are named {@code uart0}, {@code uart1}, ... in the order they are opened.
 */
public final class UartDeviceProvider implements DeviceProvider {

    static final String SYNTAX = "uart[:rate=BYTES_PER_SECOND][,fifo=BYTES][,limit=BYTES]";
    private static final AtomicInteger NEXT = new AtomicInteger();

    @Override
    public String scheme() {
        return "uart";
    }

    @Override
    public String usage() {
        return SYNTAX + "  a simulated UART, level-triggered, fed by a traffic generator (e.g. uart:rate=2000)";
    }

    /** @throws IllegalArgumentException with the expected syntax if an option is malformed or out of range */
    @Override
    public UartDevice open(String argument) {
        String spec = argument.isEmpty() ? "uart" : "uart:" + argument;
        Map<String, String> o = DeviceSpecs.options(spec, argument, Set.of("rate", "fifo", "limit"), SYNTAX);
        long rate = o.containsKey("rate") ? DeviceSpecs.number(spec, "rate", o.get("rate"), 1, UartTraffic.MAX_RATE, SYNTAX)
                : UartTraffic.DEFAULT_RATE;
        int fifo = o.containsKey("fifo") ? (int) DeviceSpecs.number(spec, "fifo", o.get("fifo"), 1, SimUart.MAX_FIFO_SIZE, SYNTAX)
                : SimUart.DEFAULT_FIFO_SIZE;
        long limit = o.containsKey("limit") ? DeviceSpecs.number(spec, "limit", o.get("limit"), 0, Long.MAX_VALUE, SYNTAX) : 0;
        return UartDevice.create("uart" + NEXT.getAndIncrement(), rate, fifo, limit);
    }
}

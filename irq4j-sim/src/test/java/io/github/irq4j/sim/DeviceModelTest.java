package io.github.irq4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.Registers;
import org.junit.jupiter.api.Test;

class DeviceModelTest {

    private final Simulation sim = new Simulation();
    private final SimInterruptController pic = new SimInterruptController("pic", LineMode.LEVEL, LineMode.EDGE);
    private final RecordingHandler handler = new RecordingHandler(pic);

    // ------------------------------------------------------------------ UART

    @Test
    void uartFifoDeliversBytesInOrderThroughData() {
        SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), 4);
        Registers r = uart.registers();
        uart.feed(new byte[] {10, 20, 30});
        assertThat(r.read32(SimUart.RX_COUNT)).isEqualTo(3);
        assertThat(r.read32(SimUart.STATUS)).isEqualTo(SimUart.STATUS_RX_READY);
        assertThat(r.read32(SimUart.DATA)).isEqualTo(10);
        assertThat(r.read32(SimUart.DATA)).isEqualTo(20);
        assertThat(r.read32(SimUart.DATA)).isEqualTo(30);
        assertThat(r.read32(SimUart.STATUS)).isZero();
        assertThat(r.read32(SimUart.DATA)).isZero();
        assertThat(uart.emptyReads()).isEqualTo(1);
        assertThat(uart.read()).isEqualTo(3);
        assertThat(r.read32(SimUart.FIFO_SIZE)).isEqualTo(4);
    }

    @Test
    void uartOverrunDropsAndCountsAndLatchesUntilAcknowledged() {
        SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), 2);
        Registers r = uart.registers();
        uart.feed(new byte[] {1, 2, 3, 4});
        assertThat(uart.received()).isEqualTo(2);
        assertThat(uart.dropped()).isEqualTo(2);
        assertThat(r.read32(SimUart.STATUS)).isEqualTo(SimUart.STATUS_RX_READY | SimUart.STATUS_OVERRUN);
        assertThat(r.read32(SimUart.INT_STATUS)).isEqualTo(SimUart.INT_RX | SimUart.INT_OVERRUN);

        r.write32(SimUart.INT_ACK, SimUart.INT_OVERRUN);
        assertThat(r.read32(SimUart.STATUS)).isEqualTo(SimUart.STATUS_RX_READY);
        assertThat(r.read32(SimUart.INT_STATUS)).isEqualTo(SimUart.INT_RX);
        assertThat(r.read32(SimUart.DATA)).isEqualTo(1);
        assertThat(r.read32(SimUart.DATA)).isEqualTo(2);
    }

    @Test
    void uartLineStaysAssertedUntilTheDriverDrainsAndAcknowledges() {
        pic.connect();
        SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), 16);
        Registers r = uart.registers();
        uart.feed(new byte[] {5, 6});
        assertThat(pic.isAsserted(0)).isTrue();

        r.write32(SimUart.INT_ACK, SimUart.INT_RX);
        assertThat(pic.isAsserted(0)).as("data still in the FIFO re-latches INT_RX").isTrue();
        r.read32(SimUart.DATA);
        r.read32(SimUart.DATA);
        assertThat(pic.isAsserted(0)).as("INT_RX stays latched until acknowledged").isTrue();
        r.write32(SimUart.INT_ACK, SimUart.INT_RX);
        assertThat(pic.isAsserted(0)).isFalse();

        handler.claim = false;
        uart.feed((byte) 7);
        assertThat(pic.poll(handler)).isEqualTo(1);
        assertThat(pic.poll(handler)).as("an unclaimed, still asserted line re-signals").isEqualTo(1);
        assertThat(pic.statistics(0).resignals()).isEqualTo(2);
    }

    @Test
    void uartMaskGatesTheLine() {
        SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), 16);
        Registers r = uart.registers();
        r.write32(SimUart.INT_MASK, SimUart.INT_ALL);
        uart.feed((byte) 1);
        assertThat(pic.isAsserted(0)).isFalse();
        assertThat(r.read32(SimUart.INT_STATUS)).isEqualTo(SimUart.INT_RX);
        r.write32(SimUart.INT_MASK, SimUart.INT_OVERRUN);
        assertThat(pic.isAsserted(0)).isTrue();
        assertThat(r.read32(SimUart.INT_MASK)).isEqualTo(SimUart.INT_OVERRUN);
    }

    @Test
    void uartRejectsBadAccessesWithTheRegisterMap() {
        Registers r = new SimUart("uart0", sim, pic.levelOutput(0), 16).registers();
        assertThatThrownBy(() -> r.read16(SimUart.STATUS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uart0.regs").hasMessageContaining("all 32-bit");
        assertThatThrownBy(() -> r.read32(0x1C))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("0x1c");
        assertThatThrownBy(() -> r.read32(0x2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not aligned");
        assertThatThrownBy(() -> new SimUart("u", sim, pic.levelOutput(0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 <= fifo");
    }

    @Test
    void uartTrafficFollowsTheRateInVirtualTime() {
        SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), 1024);
        UartTraffic traffic = new UartTraffic(uart, 1000, 0);
        traffic.start();
        sim.clock().advanceBy(10_000_000L); // 10 ms at 1000 bytes/s
        assertThat(traffic.sent()).isEqualTo(10);
        Registers r = uart.registers();
        for (int i = 0; i < 10; i++) {
            assertThat((byte) r.read32(SimUart.DATA)).isEqualTo(UartTraffic.patternByte(i));
        }
        traffic.stop();
        sim.clock().advanceBy(10_000_000L);
        assertThat(traffic.sent()).isEqualTo(10);

        UartTraffic limited = new UartTraffic(uart, 3000, 5);
        limited.start();
        sim.clock().advanceBy(1_000_000_000L);
        assertThat(limited.sent()).isEqualTo(5);
        assertThat(limited.isRunning()).isFalse();
    }

    // ------------------------------------------------------------------ timer

    @Test
    void timerExpiresEveryPeriodOfVirtualTimeAndEdgesMerge() {
        pic.connect();
        SimTimer timer = new SimTimer("timer0", sim, pic, 1, 1_000_000L);
        Registers r = timer.registers();
        assertThat(r.read64(SimTimer.PERIOD_NS)).isEqualTo(1_000_000L);
        r.write32(SimTimer.CONTROL, SimTimer.CONTROL_ENABLE | SimTimer.CONTROL_INT_ENABLE);

        sim.clock().advanceBy(999_999L);
        assertThat(r.read64(SimTimer.COUNT)).isZero();
        sim.clock().advanceBy(1);
        assertThat(r.read64(SimTimer.COUNT)).isEqualTo(1);
        assertThat(r.read32(SimTimer.INT_STATUS)).isEqualTo(SimTimer.INT_EXPIRED);
        sim.clock().advanceBy(2_000_000L);
        assertThat(r.read64(SimTimer.COUNT)).isEqualTo(3);

        assertThat(pic.poll(handler)).isEqualTo(1);
        assertThat(handler.signals).containsExactly(new RecordingHandler.Signal(1, 3));
        r.write32(SimTimer.INT_ACK, SimTimer.INT_EXPIRED);
        assertThat(r.read32(SimTimer.INT_STATUS)).isZero();
    }

    @Test
    void timerControlAndPeriodWritesTakeEffect() {
        pic.connect();
        SimTimer timer = new SimTimer("timer0", sim, pic, 1, 1_000_000L);
        Registers r = timer.registers();
        r.write32(SimTimer.CONTROL, SimTimer.CONTROL_ENABLE);
        sim.clock().advanceBy(5_000_000L);
        assertThat(timer.expirations()).isEqualTo(5);
        assertThat(timer.edgesRaised()).as("interrupt not enabled").isZero();
        assertThat(pic.hasPendingSignals()).isFalse();

        r.write64(SimTimer.PERIOD_NS, 250_000L);
        sim.clock().advanceBy(1_000_000L);
        assertThat(timer.expirations()).isEqualTo(9);

        r.write32(SimTimer.CONTROL, 0);
        sim.clock().advanceBy(10_000_000L);
        assertThat(timer.expirations()).isEqualTo(9);
        assertThat(sim.clock().nextEventNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void timerRejectsBadAccessesAndPeriods() {
        SimTimer timer = new SimTimer("timer0", sim, pic, 1, 1_000_000L);
        Registers r = timer.registers();
        assertThatThrownBy(() -> r.read32(SimTimer.PERIOD_NS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PERIOD_NS 0x08 (64-bit)");
        assertThatThrownBy(() -> r.write64(SimTimer.PERIOD_NS, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1000 ns");
        assertThatThrownBy(() -> new SimTimer("t", sim, pic, 0, 1_000_000L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LEVEL line");
    }

    // ------------------------------------------------------------------ clock

    @Test
    void clockFiresEventsInTimeOrderThenSchedulingOrder() {
        VirtualClock clock = sim.clock();
        StringBuilder order = new StringBuilder();
        SimEvent a = event("a", order);
        SimEvent b = event("b", order);
        SimEvent c = event("c", order);
        clock.schedule(c, 300);
        clock.schedule(a, 100);
        clock.schedule(b, 100);
        assertThat(clock.nextEventNanos()).isEqualTo(100);
        assertThat(clock.advanceTo(250)).isEqualTo(2);
        assertThat(order).hasToString("ab");
        assertThat(clock.nanoTime()).isEqualTo(250);
        assertThat(clock.fireNext()).isSameAs(c);
        assertThat(clock.nanoTime()).isEqualTo(300);
        assertThat(clock.cancel(c)).isFalse();
        assertThatThrownBy(() -> clock.advanceBy(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SimEvent event(String name, StringBuilder order) {
        return new SimEvent(name) {
            @Override
            protected void fire(long nowNanos) {
                order.append(name);
            }
        };
    }
}

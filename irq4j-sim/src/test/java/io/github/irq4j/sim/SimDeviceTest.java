package io.github.irq4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.Registers;
import org.junit.jupiter.api.Test;

/** The register-model builder and its fault injection, on small models built in each test. */
class SimDeviceTest {

    private final Simulation sim = new Simulation();
    private final SimInterruptController pic = new SimInterruptController("pic", LineMode.LEVEL, LineMode.EDGE);
    private final RecordingHandler handler = new RecordingHandler(pic);
    private final ByteFifo fifo = new ByteFifo(4);
    private long control;

    /** A level-line device: status, mask, ack at 0/4/8, a FIFO at 0xC, a control register at 0x10. */
    private SimDevice levelDevice() {
        return SimDevice.builder("dev0", sim)
                .levelLine(pic.levelOutput(0))
                .causes(0b11)
                .interruptStatus("INT_STATUS", 0x0, 4)
                .interruptMask("INT_MASK", 0x4, 4)
                .interruptAck("INT_ACK", 0x8, 4)
                .readOnly("DATA", 0xC, 4, () -> Math.max(fifo.pop(), 0))
                .readWrite("CONTROL", 0x10, 4, () -> control, v -> control = v)
                .relatchOnAck(0b01, () -> !fifo.isEmpty())
                .build();
    }

    @Test
    void theLevelLineFollowsLatchedUnmaskedCauses() {
        pic.connect();
        SimDevice dev = levelDevice();
        Registers r = dev.registers();
        dev.raise(0b10);
        assertThat(pic.isAsserted(0)).isTrue();
        assertThat(r.read32(0x0)).isEqualTo(0b10);
        r.write32(0x4, 0b10);
        assertThat(pic.isAsserted(0)).as("masked").isFalse();
        assertThat(dev.pendingCauses()).isZero();
        r.write32(0x4, 0);
        assertThat(pic.isAsserted(0)).isTrue();
        r.write32(0x8, 0b10);
        assertThat(pic.isAsserted(0)).isFalse();
        assertThat(r.read32(0x8)).as("ack reads 0").isZero();

        synchronized (dev.lock()) {
            fifo.push((byte) 7);
            dev.raise(0b01);
        }
        r.write32(0x8, 0b01);
        assertThat(r.read32(0x0)).as("re-latched while the FIFO holds data").isEqualTo(0b01);
        assertThat(r.read32(0xC)).isEqualTo(7);
        r.write32(0x8, 0b01);
        assertThat(r.read32(0x0)).isZero();
        assertThat(pic.isAsserted(0)).isFalse();

        r.write32(0x10, 42);
        assertThat(r.read32(0x10)).isEqualTo(42);
        r.write32(0x0, 0xFF);
        assertThat(r.read32(0x0)).as("a write to a read-only register is ignored").isZero();
    }

    @Test
    void anEnableRegisterEnablesWithSetBitsAndOnAckSeesTheBitsWritten() {
        int[] acked = new int[1];
        SimDevice dev = SimDevice.builder("dev1", sim)
                .levelLine(pic.levelOutput(0))
                .interruptStatus("ST", 0x0, 4)
                .interruptEnable("EN", 0x4, 4)
                .interruptAck("ACK", 0x8, 4)
                .onAck(v -> acked[0] = v)
                .build();
        dev.raise(1);
        assertThat(pic.isAsserted(0)).as("reset value 0: nothing enabled").isFalse();
        dev.registers().write32(0x4, 1);
        assertThat(pic.isAsserted(0)).isTrue();
        dev.registers().write32(0x8, 1);
        assertThat(acked[0]).isEqualTo(1);
        assertThat(pic.isAsserted(0)).isFalse();
    }

    @Test
    void anEdgeDeviceRaisesOneEdgePerEnabledRaiseAndNoneOnLatch() {
        pic.connect();
        SimDevice dev = SimDevice.builder("tick0", sim)
                .edgeLine(pic, 1)
                .interruptStatus("ST", 0x0, 4)
                .interruptMask("MASK", 0x4, 4)
                .interruptAck("ACK", 0x8, 4)
                .build();
        dev.raise(1);
        dev.raise(1);
        dev.latch(1);
        dev.registers().write32(0x4, 1);
        dev.raise(1);
        assertThat(pic.statistics(1).edges()).isEqualTo(2);
        assertThat(pic.poll(handler)).isEqualTo(1);
        assertThat(handler.signals).containsExactly(new RecordingHandler.Signal(1, 2));
    }

    @Test
    void badMapsAndAccessesAreRejectedWithTheMap() {
        SimDevice dev = levelDevice();
        assertThat(dev.registerMap()).isEqualTo("INT_STATUS 0x00, INT_MASK 0x04, INT_ACK 0x08, DATA 0x0C, CONTROL 0x10; all 32-bit");
        assertThatThrownBy(() -> dev.registers().read16(0x4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev0.regs: no 16-bit register at offset 0x4").hasMessageContaining("all 32-bit");
        assertThatThrownBy(() -> SimDevice.builder("x", sim).readOnly("A", 0, 4, () -> 0).readOnly("B", 2, 2, () -> 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("B at 0x2 overlaps A at 0x0");
        assertThatThrownBy(() -> SimDevice.builder("x", sim).readOnly("A", 2, 4, () -> 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of its width 4");
        assertThatThrownBy(() -> SimDevice.builder("x", sim).interruptStatus("S", 0, 4).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no line");
        assertThatThrownBy(() -> SimDevice.builder("x", sim).interruptStatus("S", 0, 4).interruptStatus("T", 4, 4))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a second status register T");
        assertThatThrownBy(() -> SimDevice.builder("x", sim).edgeLine(pic, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a LEVEL line");
        assertThatThrownBy(() -> SimDevice.builder("x", sim).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no registers");
        assertThatThrownBy(() -> new ByteFifo(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 <= fifo");
    }

    // ------------------------------------------------------------------ faults

    @Test
    void aSpuriousLevelInterruptAssertsTheLineUntilTheStatusIsRead() {
        pic.connect();
        SimDevice dev = levelDevice();
        dev.faults().spuriousInterruptAt(500);
        sim.clock().advanceTo(500);
        assertThat(pic.isAsserted(0)).isTrue();
        handler.claim = false;
        assertThat(pic.poll(handler)).isEqualTo(1);
        assertThat(dev.registers().read32(0x0)).as("no cause latched").isZero();
        assertThat(pic.isAsserted(0)).as("the status read ends the glitch").isFalse();
        assertThat(dev.faults().spuriousInterrupts()).isEqualTo(1);
    }

    @Test
    void aSpuriousEdgeAndLostEdges() {
        pic.connect();
        SimDevice dev = SimDevice.builder("tick0", sim).edgeLine(pic, 1).interruptStatus("ST", 0x0, 4).interruptAck("ACK", 0x4, 4).build();
        dev.faults().spuriousInterrupt();
        assertThat(pic.statistics(1).edges()).isEqualTo(1);
        assertThat(dev.interruptStatus()).isZero();

        dev.faults().loseEdges(2);
        dev.raise(1);
        dev.raise(1);
        dev.raise(1);
        assertThat(dev.faults().edgesLost()).isEqualTo(2);
        assertThat(pic.statistics(1).edges()).as("1 spurious + 1 of 3 raised").isEqualTo(2);
        assertThat(dev.interruptStatus()).as("the causes are latched all the same").isEqualTo(1);
        assertThatThrownBy(() -> dev.faults().stickLine(true)).isInstanceOf(IllegalStateException.class).hasMessageContaining("level line");
        assertThatThrownBy(() -> levelDevice().faults().loseEdges(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without an edge line");
    }

    @Test
    void aStuckLineStaysAssertedWhateverTheStatus() {
        SimDevice dev = levelDevice();
        dev.faults().stickLine(true);
        assertThat(pic.isAsserted(0)).isTrue();
        dev.registers().write32(0x8, 0b11);
        dev.registers().write32(0x4, 0b11);
        assertThat(pic.isAsserted(0)).isTrue();
        dev.faults().stickLine(false);
        assertThat(pic.isAsserted(0)).isFalse();
    }

    @Test
    void aSlowReadLetsVirtualTimePassAndEventsFireBeforeTheValueIsRead() {
        SimDevice dev = levelDevice();
        dev.faults().slowReads(0xC, 1_000);
        sim.clock().schedule(new SimEvent("byte") {
            @Override
            protected void fire(long nowNanos) {
                synchronized (dev.lock()) {
                    fifo.push((byte) 9);
                }
            }
        }, 600);
        assertThat(dev.registers().read32(0xC)).as("the byte arrived during the read").isEqualTo(9);
        assertThat(sim.clock().nanoTime()).isEqualTo(1_000);
        assertThat(dev.registers().read32(0x10)).isZero();
        assertThat(sim.clock().nanoTime()).as("other registers are not slow").isEqualTo(1_000);
        assertThatThrownBy(() -> dev.faults().slowReads(0x40, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registers: INT_STATUS 0x00");
    }

    @Test
    void registerAccessesFeedingAndExpiriesAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        pic.connect();
        SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), 64);
        SimTimer timer = new SimTimer("timer0", sim, pic, 1, 1_000L);
        timer.start();
        Registers u = uart.registers();
        Registers t = timer.registers();
        io.github.irq4j.spi.SignalHandler ackAll = (m, c) -> pic.acknowledge(m, true);
        long sum = 0;
        for (int round = 0; round < 3; round++) { // the first rounds warm up (class loading, queue growth)
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++) {
                uart.feed((byte) i);
                sum += u.read32(SimUart.INT_STATUS) + u.read32(SimUart.RX_COUNT) + u.read32(SimUart.DATA);
                u.write32(SimUart.INT_ACK, SimUart.INT_ALL);
                sim.clock().advanceBy(1_000L);
                sum += t.read64(SimTimer.COUNT) + t.read32(SimTimer.INT_STATUS);
                t.write32(SimTimer.INT_ACK, SimTimer.INT_EXPIRED);
                pic.poll(ackAll);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 2) {
                assertThat(allocated).as("bytes allocated by 20,000 rounds of accesses, feeds, expiries and polls").isLessThan(1_024);
            }
        }
        assertThat(sum).isPositive();
    }

    @Test
    void theUartAndTimerAreBuiltOnTheBuilder() {
        SimUart uart = new SimUart("uart0", sim, pic.levelOutput(0), 16);
        assertThat(uart.device().registerMap())
                .isEqualTo("DATA 0x00, STATUS 0x04, INT_STATUS 0x08, INT_ACK 0x0C, INT_MASK 0x10, RX_COUNT 0x14, FIFO_SIZE 0x18; all 32-bit");
        SimTimer timer = new SimTimer("timer0", sim, pic, 1, 1_000_000L);
        assertThat(timer.device().registerMap())
                .isEqualTo("CONTROL 0x00 (32-bit), INT_STATUS 0x04 (32-bit), PERIOD_NS 0x08 (64-bit), COUNT 0x10 (64-bit), INT_ACK 0x18 (32-bit)");
        assertThat(uart.registers().size()).isEqualTo(SimUart.REGISTER_WINDOW);
        assertThat(timer.registers().size()).isEqualTo(SimTimer.REGISTER_WINDOW);
    }
}

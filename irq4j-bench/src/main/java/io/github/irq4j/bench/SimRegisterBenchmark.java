package io.github.irq4j.bench;

import io.github.irq4j.Registers;
import io.github.irq4j.sim.LineMode;
import io.github.irq4j.sim.SimEdu;
import io.github.irq4j.sim.SimInterruptController;
import io.github.irq4j.sim.SimTimer;
import io.github.irq4j.sim.SimUart;
import io.github.irq4j.sim.Simulation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The simulator's register path (irq4j-sim {@code SimRegisters} -> {@code SimDevice}'s register
 * file -> the model), one benchmark thread, no contention, against a plain {@link Registers} over
 * an {@code int[]} (the cost of the interface call alone) in the same run. The ISR sequences are
 * the register accesses of the demo's sample ISRs: the UART's (INT_STATUS, RX_COUNT, one DATA read
 * per byte, INT_ACK) and the timer's (INT_STATUS, INT_ACK); the edu device's (raise, INT_STATUS,
 * INT_ACK) on INTx is the same path through a model with a 1 MiB window and a level line that
 * rises and falls each time. What the demo reports as "ISR duration"
 * is this plus the framework's ISR dispatch, lock and deferred-work queueing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SimRegisterBenchmark {

    /** The floor: the same interface, a field read. */
    static final class ArrayRegisters implements Registers {
        private final int[] words = new int[8];

        @Override
        public String name() {
            return "array";
        }

        @Override
        public long size() {
            return 32;
        }

        @Override
        public int read8(long offset) {
            return words[(int) (offset >> 2)] & 0xFF;
        }

        @Override
        public int read16(long offset) {
            return words[(int) (offset >> 2)] & 0xFFFF;
        }

        @Override
        public int read32(long offset) {
            return words[(int) (offset >> 2)];
        }

        @Override
        public long read64(long offset) {
            return words[(int) (offset >> 2)];
        }

        @Override
        public void write8(long offset, int value) {
            words[(int) (offset >> 2)] = value & 0xFF;
        }

        @Override
        public void write16(long offset, int value) {
            words[(int) (offset >> 2)] = value & 0xFFFF;
        }

        @Override
        public void write32(long offset, int value) {
            words[(int) (offset >> 2)] = value;
        }

        @Override
        public void write64(long offset, long value) {
            words[(int) (offset >> 2)] = (int) value;
        }
    }

    private static final byte[] FOUR = {1, 2, 3, 4};

    private Registers array;
    private SimUart uart;
    private Registers uartRegs;
    private Registers timerRegs;
    private Registers eduRegs;

    @Setup
    public void setUp() {
        array = new ArrayRegisters();
        Simulation sim = new Simulation();
        SimInterruptController pic = new SimInterruptController("bench-pic", LineMode.LEVEL, LineMode.EDGE);
        uart = new SimUart("uart0", sim, pic.levelOutput(0), 1024);
        uartRegs = uart.registers();
        uartRegs.write32(SimUart.INT_MASK, 0);
        SimTimer timer = new SimTimer("timer0", sim, pic, 1, 1_000_000L);
        timerRegs = timer.registers();
        SimInterruptController eduPic = new SimInterruptController("bench-edu-pic", LineMode.LEVEL);
        eduRegs = new SimEdu("edu0", sim, eduPic, 0, null, 0).registers();
    }

    @Benchmark
    public int arrayRead() {
        return array.read32(SimUart.STATUS);
    }

    @Benchmark
    public int uartStatusRead() {
        return uartRegs.read32(SimUart.STATUS);
    }

    @Benchmark
    public int uartInterruptStatusRead() {
        return uartRegs.read32(SimUart.INT_STATUS);
    }

    @Benchmark
    public void uartAckWrite() {
        uartRegs.write32(SimUart.INT_ACK, SimUart.INT_ALL);
    }

    /** The UART ISR's accesses with nothing received: INT_STATUS, RX_COUNT, INT_ACK. */
    @Benchmark
    public int uartIsrEmpty() {
        int causes = uartRegs.read32(SimUart.INT_STATUS);
        int n = uartRegs.read32(SimUart.RX_COUNT);
        uartRegs.write32(SimUart.INT_ACK, causes | SimUart.INT_RX);
        return causes + n;
    }

    /** The same array-backed: the floor of {@link #uartIsrEmpty}. */
    @Benchmark
    public int arrayIsrEmpty() {
        int causes = array.read32(SimUart.INT_STATUS);
        int n = array.read32(SimUart.RX_COUNT);
        array.write32(SimUart.INT_ACK, causes);
        return causes + n;
    }

    /** Four bytes arrive (the model's receive path), then the UART ISR's accesses drain them. */
    @Benchmark
    public int uartFeedAndIsr4() {
        uart.feed(FOUR);
        int causes = uartRegs.read32(SimUart.INT_STATUS);
        int sum = 0;
        for (int n = uartRegs.read32(SimUart.RX_COUNT); n > 0; n--) {
            sum += uartRegs.read32(SimUart.DATA);
        }
        uartRegs.write32(SimUart.INT_ACK, causes);
        return sum;
    }

    /** The timer ISR's accesses: INT_STATUS, INT_ACK. */
    @Benchmark
    public int timerIsr() {
        int status = timerRegs.read32(SimTimer.INT_STATUS);
        timerRegs.write32(SimTimer.INT_ACK, status);
        return status;
    }

    /** The edu device raised from its raise register (the line rises), then the ISR's INT_STATUS and INT_ACK (it falls). */
    @Benchmark
    public int eduRaiseAndIsr() {
        eduRegs.write32(0x60, 0x2);
        int status = eduRegs.read32(0x24);
        eduRegs.write32(0x64, status);
        return status;
    }
}

package io.github.irq4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.Registers;
import org.junit.jupiter.api.Test;

/** The builder's window options (narrow accesses, the window's name and size, the map's text) and the edu model built on them. */
class SimDeviceWindowTest {

    private final Simulation sim = new Simulation();
    private long wide;

    @Test
    void aNarrowAccessReadsTheLowBytesAndWritesTheValueZeroExtended() {
        SimDevice dev = SimDevice.builder("dev0", sim)
                .readWrite("WIDE", 0x8, 8, () -> wide, v -> wide = v)
                .narrowAccess("WIDE", 4)
                .build();
        Registers r = dev.registers();
        r.write64(0x8, 0x1234_5678_9ABC_DEF0L);
        assertThat(r.read32(0x8)).isEqualTo(0x9ABC_DEF0);
        r.write32(0x8, 0xFFFF_FFFF);
        assertThat(r.read64(0x8)).isEqualTo(0xFFFF_FFFFL);
        assertThatThrownBy(() -> r.read16(0x8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 16-bit register at offset 0x8");
        assertThatThrownBy(() -> r.read32(0xC)).as("the upper half is no register").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNarrowAccessMustNameAnAddedRegisterAndANarrowerWidth() {
        SimDevice.Builder b = SimDevice.builder("dev0", sim).readWrite("WIDE", 0x0, 8, () -> 0, v -> { });
        assertThatThrownBy(() -> b.narrowAccess("NONE", 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no register");
        assertThatThrownBy(() -> b.narrowAccess("WIDE", 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("narrower than the register");
    }

    @Test
    void theWindowHasItsNameSizeAndMapText() {
        SimDevice dev = SimDevice.builder("dev0", sim)
                .windowName("dev0.bar0")
                .window(1 << 20)
                .registerMapText("0x00 ID (32-bit)")
                .constant("ID", 0x0, 4, 7)
                .build();
        Registers r = dev.registers();
        assertThat(r.name()).isEqualTo("dev0.bar0");
        assertThat(r.size()).isEqualTo(1 << 20);
        assertThat(dev.registerMap()).isEqualTo("0x00 ID (32-bit)");
        assertThatThrownBy(() -> r.read32(0x8_0000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dev0.bar0: no 32-bit register at offset 0x80000 (registers: 0x00 ID (32-bit))");
        assertThatThrownBy(() -> dev.faults().slowReads(0x10, 5)).as("no register there")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eduOnMsiSendsOneMessagePerRaiseEvenOfNoBit() {
        SimInterruptController pic = new SimInterruptController("pic", LineMode.MSI);
        pic.connect();
        SimEdu edu = new SimEdu("edu", sim, pic, 0, null, 0);
        Registers r = edu.registers();
        r.write32(SimEdu.INT_RAISE, 0x10);
        r.write32(SimEdu.INT_RAISE, 0);
        assertThat(edu.raises()).isEqualTo(2);
        assertThat(pic.statistics(0).edges()).isEqualTo(2);
        assertThat(r.read32(SimEdu.INT_STATUS)).isEqualTo(0x10);
    }

    @Test
    void eduIntxTakesTheFaultsOfEveryModel() {
        SimInterruptController pic = new SimInterruptController("pic", LineMode.LEVEL);
        SimEdu edu = new SimEdu("edu", sim, pic, 0, null, 0);
        edu.faults().stickLine(true);
        assertThat(pic.isAsserted(0)).isTrue();
        edu.faults().stickLine(false);
        assertThat(pic.isAsserted(0)).isFalse();
        assertThat(edu.registers().read64(SimEdu.DMA_CMD)).isZero();
        assertThat(edu.registers().read32(SimEdu.DMA_CMD)).isZero();
    }
}

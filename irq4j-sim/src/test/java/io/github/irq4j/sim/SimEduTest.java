package io.github.irq4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.irq4j.MemoryResource;
import io.github.irq4j.Registers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The edu model's registers against QEMU's docs/specs/edu.rst, and its provider. */
class SimEduTest {

    @Test
    void identificationLivenessFactorialAndInterruptRegistersBehaveAsTheSpecSays() {
        Simulation sim = new Simulation();
        SimInterruptController pic = new SimInterruptController("pic", LineMode.LEVEL);
        SimEdu edu = new SimEdu("edu", sim, pic, 0, null, 0);
        Registers r = edu.registers();
        assertThat(r.size()).isEqualTo(1 << 20);
        assertThat(r.read32(0x00)).isEqualTo(0x010000ed);
        r.write32(0x04, 0x1234_5678);
        assertThat(r.read32(0x04)).isEqualTo(~0x1234_5678);

        r.write32(0x20, 0x80);
        r.write32(0x08, 5);
        assertThat(r.read32(0x20) & 1).as("computing").isEqualTo(1);
        r.write32(0x08, 7);   // ignored while computing
        sim.clock().advanceBy(SimEdu.FACTORIAL_NS);
        assertThat(r.read32(0x08)).isEqualTo(120);
        assertThat(r.read32(0x20)).isEqualTo(0x80);
        assertThat(r.read32(0x24)).isEqualTo(0x001);
        assertThat(pic.isAsserted(0)).isTrue();
        r.write32(0x60, 0x4000);
        assertThat(r.read32(0x24)).isEqualTo(0x4001);
        r.write32(0x64, 0x001);
        assertThat(pic.isAsserted(0)).as("0x4000 still up").isTrue();
        r.write32(0x64, 0x4000);
        assertThat(pic.isAsserted(0)).isFalse();
        assertThat(edu.raises()).isEqualTo(2);

        assertThatThrownBy(() -> r.read64(0x00)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x00 ID");
        assertThatThrownBy(() -> r.read32(0x10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dmaMovesBytesBetweenHostMemoryAndTheDeviceBufferAndRefusesOutOfRange() {
        Simulation sim = new Simulation();
        SimInterruptController pic = new SimInterruptController("pic", LineMode.MSI);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(8192);
            host.set(ValueLayout.JAVA_BYTE, 3, (byte) 42);
            SimEdu edu = new SimEdu("edu", sim, pic, 0, host, 0x100000);
            Registers r = edu.registers();
            r.write64(0x80, 0x100000);
            r.write64(0x88, 0x40000);
            r.write64(0x90, 16);
            r.write64(0x98, 0x1 | 0x4);
            assertThat(r.read64(0x98) & 1).isEqualTo(1);
            sim.clock().advanceBy(SimEdu.DMA_NS);
            assertThat(r.read64(0x98) & 1).isZero();
            assertThat(r.read32(0x24)).isEqualTo(0x100);
            r.write64(0x80, 0x40000);
            r.write64(0x88, 0x100000 + 4096);
            r.write64(0x98, 0x1 | 0x2);
            sim.clock().advanceBy(SimEdu.DMA_NS);
            assertThat(host.get(ValueLayout.JAVA_BYTE, 4096 + 3)).isEqualTo((byte) 42);
            r.write64(0x88, 0x200000);   // outside the host window
            r.write64(0x98, 0x1 | 0x2);
            sim.clock().advanceBy(SimEdu.DMA_NS);
            assertThat(edu.dmaErrors()).isEqualTo(1);
        }
    }

    @Test
    void theProviderOpensIntxOrMsiAndNamesTheSyntaxOtherwise() {
        EduDeviceProvider p = new EduDeviceProvider();
        assertThat(p.scheme()).isEqualTo("edu");
        try (EduDevice intx = p.open(""); EduDevice msi = p.open("msi")) {
            assertThat(intx.interruptResource().messageSignaled()).isFalse();
            assertThat(msi.interruptResource().messageSignaled()).isTrue();
            assertThat(((MemoryResource) intx.resources().get(1)).registers().read32(0)).isEqualTo(SimEdu.IDENTIFICATION_VALUE);
        }
        assertThatThrownBy(() -> p.open("bogus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: edu, edu:intx or edu:msi");
    }
}

package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.irq4j.InterruptConfigException.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC 2.2: every rejection is specific and leaves nothing behind. */
class InterruptConfigTest {

    private static final InterruptIsr ISR = (i, m) -> true;

    private static InterruptConfigException rejected(InterruptConfig.Builder b) {
        return catchThrowableOfType(InterruptConfigException.class, b::build);
    }

    @Test
    void rule1NoIsr() {
        InterruptConfigException e = rejected(InterruptConfig.builder(null).name("uart0"));
        assertThat(e.reason()).isEqualTo(Reason.NO_ISR);
        assertThat(e).hasMessageContaining("'uart0'").hasMessageContaining("no ISR callback");
    }

    @Test
    void rule2DpcAndWorkItem() {
        InterruptConfigException e = rejected(InterruptConfig.builder(ISR).dpc((i, o) -> { }).workItem((i, o) -> { }));
        assertThat(e.reason()).isEqualTo(Reason.DPC_AND_WORK_ITEM);
        assertThat(e).hasMessageContaining("set one of dpc(...) or workItem(...)");
    }

    @Test
    void rule3LockKindMismatchBothWays() {
        try (Rig rig = new Rig()) {
            SpinLock[] spin = new SpinLock[1];
            WaitLock[] wait = new WaitLock[1];
            rig.add("d", List.of(), d -> {
                spin[0] = d.createSpinLock("s");
                wait[0] = d.createWaitLock("w");
            });
            assertThat(rejected(InterruptConfig.builder(ISR).waitLock(wait[0])).reason()).isEqualTo(Reason.LOCK_KIND_MISMATCH);
            assertThat(rejected(InterruptConfig.builder(ISR).passiveHandling(true).spinLock(spin[0])).reason())
                    .isEqualTo(Reason.LOCK_KIND_MISMATCH);
        }
    }

    @Test
    void rule4WakeNeedsPassiveAndPowerPolicyOwner() {
        assertThat(rejected(InterruptConfig.builder(ISR).canWakeDevice(true)).reason()).isEqualTo(Reason.WAKE_NOT_PASSIVE);
        try (Rig rig = new Rig()) {
            InterruptConfig wake = InterruptConfig.builder(ISR).passiveHandling(true).canWakeDevice(true).build();
            InterruptConfigException[] seen = new InterruptConfigException[1];
            rig.add("d", List.of(rig.line(0, InterruptMode.LATCHED)), d -> {
                d.setPowerPolicyOwner(false);
                seen[0] = catchThrowableOfType(InterruptConfigException.class, () -> d.createInterrupt(wake));
            });
            assertThat(seen[0].reason()).isEqualTo(Reason.WAKE_NOT_POWER_POLICY_OWNER);
            assertThat(rig.device.interrupts()).isEmpty();
        }
    }

    @Test
    void rule5SerializationNeedsAParentAtTheRightLevel() {
        try (Rig rig = new Rig()) {
            List<InterruptConfigException> seen = new ArrayList<>();
            rig.add("d", List.of(rig.line(0, InterruptMode.LATCHED)), d -> {
                d.setExecutionLevel(ExecutionLevel.PASSIVE);
                seen.add(catchThrowableOfType(InterruptConfigException.class, () -> d.createInterrupt(
                        InterruptConfig.builder(ISR).dpc((i, o) -> { }).automaticSerialization(true).build())));
                // A work item with a passive parent is fine.
                d.createInterrupt(InterruptConfig.builder(ISR).workItem((i, o) -> { }).automaticSerialization(true).build());
            });
            assertThat(seen.get(0).reason()).isEqualTo(Reason.SERIALIZATION_LEVEL_MISMATCH);
            assertThat(seen.get(0)).hasMessageContaining("needs a DISPATCH-level parent");
            assertThat(rig.device.interrupts()).hasSize(1);
        }
        try (Rig rig = new Rig()) {
            InterruptConfigException[] seen = new InterruptConfigException[1];
            rig.add("d", List.of(rig.line(0, InterruptMode.LATCHED)), d -> seen[0] = catchThrowableOfType(
                    InterruptConfigException.class, () -> d.createInterrupt(
                            InterruptConfig.builder(ISR).workItem((i, o) -> { }).automaticSerialization(true).build())));
            assertThat(seen[0].reason()).isEqualTo(Reason.SERIALIZATION_LEVEL_MISMATCH);
            assertThat(seen[0]).hasMessageContaining("needs a PASSIVE-level parent");
        }
    }

    @Test
    void rule6ParentWithoutSerialization() {
        try (Rig rig = new Rig()) {
            Device d = rig.add("d", List.of(), x -> { });
            assertThat(rejected(InterruptConfig.builder(ISR).parentObject(d)).reason()).isEqualTo(Reason.PARENT_WITHOUT_SERIALIZATION);
        }
    }

    @Test
    void rule7CreationOnlyWhileAddingOrPreparingHardware() {
        try (Rig rig = new Rig()) {
            Interrupt[] inPrepare = new Interrupt[1];
            Device d = rig.add("d", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(1, InterruptMode.LATCHED)), x ->
                    x.setPnpPowerCallbacks(new PnpPowerCallbacks() {
                        @Override
                        public void onPrepareHardware(Device device, List<Resource> resources) {
                            inPrepare[0] = device.createInterrupt(InterruptConfig.builder(ISR).build());
                        }
                    }));
            assertThatThrownBy(() -> d.createInterrupt(InterruptConfig.builder(ISR).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is ADDED")
                    .hasMessageContaining("onDeviceAdd (ADDING) or onPrepareHardware");
            rig.host.start(d);
            assertThat(inPrepare[0]).isNotNull();
            assertThatThrownBy(() -> d.createInterrupt(InterruptConfig.builder(ISR).build()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is STARTED");
            assertThat(d.interrupts()).containsExactly(inPrepare[0]);
        }
    }

    @Test
    void rule8ResourceMissingWrongKindOrTaken() {
        try (Rig rig = new Rig()) {
            Registers regs = new ArrayRegisters("r", 16);
            MemoryResource mem = new MemoryResource("bar0", regs);
            List<InterruptConfigException> seen = new ArrayList<>();
            rig.add("a", List.of(mem, rig.line(0, InterruptMode.LEVEL_SENSITIVE)), d -> {
                seen.add(catchThrowableOfType(InterruptConfigException.class,
                        () -> d.createInterrupt(InterruptConfig.builder(ISR).resource(mem).build())));
                d.createInterrupt(InterruptConfig.builder(ISR).build());
                seen.add(catchThrowableOfType(InterruptConfigException.class,
                        () -> d.createInterrupt(InterruptConfig.builder(ISR).build())));
            });
            assertThat(seen.get(0).reason()).isEqualTo(Reason.RESOURCE_WRONG_KIND);
            assertThat(seen.get(0)).hasMessageContaining("'bar0' is a MemoryResource");
            assertThat(seen.get(1).reason()).isEqualTo(Reason.RESOURCE_MISSING);

            // Another device on the same exclusive line: taken. Nothing is left behind, so once the
            // first device is removed the line is free again.
            InterruptConfigException[] taken = new InterruptConfigException[1];
            Device b = rig.host.addDevice("b", d -> taken[0] = catchThrowableOfType(InterruptConfigException.class,
                    () -> d.createInterrupt(InterruptConfig.builder(ISR).build())), List.of(rig.line(0, InterruptMode.LEVEL_SENSITIVE)));
            assertThat(taken[0].reason()).isEqualTo(Reason.RESOURCE_TAKEN);
            assertThat(taken[0]).hasMessageContaining("taken by interrupt 'a#0' of device 'a'");
            assertThat(b.interrupts()).isEmpty();
            rig.host.remove(rig.device);
            Device c = rig.host.addDevice("c", d -> d.createInterrupt(InterruptConfig.builder(ISR).build()),
                    List.of(rig.line(0, InterruptMode.LEVEL_SENSITIVE)));
            assertThat(c.interrupts()).hasSize(1);
        }
    }

    @Test
    void withoutAResourceEachInterruptTakesTheNextUnusedOneInOrder() {
        try (Rig rig = new Rig(Host.builder(), 8)) {
            Registers regs = new ArrayRegisters("r", 16);
            List<Resource> resources = new ArrayList<>();
            resources.add(new MemoryResource("bar0", regs));
            for (int m = 0; m < 6; m++) {
                resources.add(rig.line(m, InterruptMode.LATCHED));
            }
            List<Integer> picked = new ArrayList<>();   // the vector of each line is its message
            InterruptConfigException[] left = new InterruptConfigException[2];
            rig.add("a", resources, d -> {
                // two taken by name first, one of them as an equal copy of the device's resource
                d.createInterrupt(InterruptConfig.builder(ISR).resource(resources.get(2)).build());
                d.createInterrupt(InterruptConfig.builder(ISR).resource(rig.line(4, InterruptMode.LATCHED)).build());
                left[0] = catchThrowableOfType(InterruptConfigException.class,
                        () -> d.createInterrupt(InterruptConfig.builder(ISR).resource(rig.line(4, InterruptMode.LATCHED)).build()));
                for (int k = 0; k < 4; k++) {
                    picked.add(d.createInterrupt(InterruptConfig.builder(ISR).build()).getInfo().vector());
                }
                left[1] = catchThrowableOfType(InterruptConfigException.class, () -> d.createInterrupt(InterruptConfig.builder(ISR).build()));
            });
            assertThat(left[0].reason()).isEqualTo(Reason.RESOURCE_TAKEN);
            assertThat(picked).containsExactly(0, 2, 3, 5);
            assertThat(left[1].reason()).isEqualTo(Reason.RESOURCE_MISSING);
            assertThat(left[1]).hasMessageContaining("device has 6 interrupt resources, 6 interrupts");
        }
    }

    @Test
    void sharedLinesAcceptSharersButNotExclusiveOnes() {
        try (Rig rig = new Rig()) {
            InterruptResource shared = rig.line(2, InterruptMode.LEVEL_SENSITIVE).withShareDisposition(ShareDisposition.SHARED);
            rig.host.addDevice("a", d -> d.createInterrupt(InterruptConfig.builder(ISR).build()), List.of(shared));
            Device b = rig.host.addDevice("b", d -> d.createInterrupt(InterruptConfig.builder(ISR).build()), List.of(shared));
            assertThat(b.interrupts()).hasSize(1);
            InterruptConfigException[] taken = new InterruptConfigException[1];
            rig.host.addDevice("c", d -> taken[0] = catchThrowableOfType(InterruptConfigException.class,
                    () -> d.createInterrupt(InterruptConfig.builder(ISR).build())), List.of(rig.line(2, InterruptMode.LEVEL_SENSITIVE)));
            assertThat(taken[0].reason()).isEqualTo(Reason.RESOURCE_TAKEN);
            InterruptConfigException[] mode = new InterruptConfigException[1];
            rig.host.addDevice("e", d -> mode[0] = catchThrowableOfType(InterruptConfigException.class,
                    () -> d.createInterrupt(InterruptConfig.builder(ISR).build())),
                    List.of(rig.line(2, InterruptMode.LATCHED).withShareDisposition(ShareDisposition.SHARED)));
            assertThat(mode[0].reason()).isEqualTo(Reason.RESOURCE_TAKEN);
            assertThat(mode[0]).hasMessageContaining("one line has one mode");
        }
    }

    @Test
    void rule9PolicyOutOfRange() {
        assertThat(rejected(InterruptConfig.builder(ISR).policy(null, InterruptPriority.HIGH, 0)).reason())
                .isEqualTo(Reason.POLICY_OUT_OF_RANGE);
        InterruptConfigException e = rejected(InterruptConfig.builder(ISR).policy(InterruptPolicy.SPECIFIED_PROCESSORS,
                InterruptPriority.HIGH, 0));
        assertThat(e.reason()).isEqualTo(Reason.POLICY_OUT_OF_RANGE);
        assertThat(e).hasMessageContaining("empty processor set");
        e = rejected(InterruptConfig.builder(ISR).policy(InterruptPolicy.SPECIFIED_PROCESSORS, InterruptPriority.HIGH, 1L << 63));
        assertThat(e).hasMessageContaining("names processors this machine lacks");
        e = rejected(InterruptConfig.builder(ISR).extendedPolicy(
                new InterruptExtendedPolicy(InterruptPolicy.MACHINE_DEFAULT, InterruptPriority.LOW, 0, 3)));
        assertThat(e).hasMessageContaining("processor group 3");
        assertThatThrownBy(() -> InterruptPolicy.of(6)).hasMessageContaining("expected: 0 <= policy <= 5");
        assertThatThrownBy(() -> InterruptPriority.of(0)).hasMessageContaining("expected: 1 <= priority <= 3");
    }

    @Test
    void messageNumbersAreCreationIndicesOrTheMsiMessage() {
        try (Rig rig = new Rig()) {
            List<Interrupt> made = new ArrayList<>();
            rig.add("d", List.of(rig.line(0, InterruptMode.LATCHED), rig.line(3, InterruptMode.LATCHED).asMessageSignaled()), d -> {
                made.add(d.createInterrupt(InterruptConfig.builder(ISR).build()));
                made.add(d.createInterrupt(InterruptConfig.builder(ISR).build()));
            });
            assertThat(made.get(0).getInfo().messageNumber()).isZero();
            assertThat(made.get(1).getInfo().messageNumber()).isEqualTo(3);
            assertThat(made.get(1).getInfo().messageSignaled()).isTrue();
            assertThat(rig.device.interrupts()).containsExactlyElementsOf(made);
        }
    }

    @Test
    void toStringPrintsTheConfiguration() {
        assertThat(InterruptConfig.builder(ISR).name("x").passiveHandling(true).build().toString())
                .contains("name=x", "passiveHandling=true", "dispatchMode=BLOCKING");
    }
}

package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Framework objects: contexts, parents, deletion rules; interrupt info and policy (SPEC 2.8). */
class ObjectModelTest {

    record DeviceContext(String serial) {
    }

    record Other(int n) {
    }

    @Test
    void typedContextsAttachOncePerTypeAndAreFoundByType() {
        try (Rig rig = new Rig()) {
            Device d = rig.add("dev", List.of(), x -> x.setContext(DeviceContext.class, new DeviceContext("A1")));
            assertThat(d.getContext(DeviceContext.class).serial()).isEqualTo("A1");
            assertThatThrownBy(() -> d.setContext(DeviceContext.class, new DeviceContext("B2")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has a DeviceContext context");
            assertThatThrownBy(() -> d.getContext(Other.class))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no")
                    .hasMessageContaining("setContext(Other.class");
        }
    }

    @Test
    void interruptsAndDevicesCannotBeDeletedByTheDriverButGoWithTheirDevice() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true).name("irq"));
            assertThat(i.getParentObject()).isSameAs(rig.device);
            assertThat(i.getDevice()).isSameAs(rig.device);
            assertThatThrownBy(i::delete).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot be deleted by the driver; it goes away with its device 'dev'");
            assertThatThrownBy(rig.device::delete).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("host.remove(device)");
            assertThat(i.isDeleted()).isFalse();
            rig.host.remove(rig.device);
            assertThat(i.isDeleted()).isTrue();
            assertThat(rig.device.isDeleted()).isTrue();
            assertThat(rig.device.state()).isEqualTo(DeviceState.REMOVED);
            assertThat(rig.host.devices()).isEmpty();
        }
    }

    @Test
    void locksAreChildrenTheDriverMayDelete() {
        try (Rig rig = new Rig()) {
            WaitLock[] w = new WaitLock[1];
            rig.add("dev", List.of(), d -> w[0] = d.createWaitLock("wl"));
            assertThat(w[0].getParentObject()).isSameAs(rig.device);
            w[0].delete();
            assertThat(w[0].isDeleted()).isTrue();
        }
    }

    @Test
    void getInfoReportsTheResourceAndThePolicy() {
        try (Rig rig = new Rig()) {
            Interrupt[] made = new Interrupt[1];
            InterruptResource r = new InterruptResource("irq5", rig.source, 1, 41, 4, InterruptMode.LEVEL_SENSITIVE,
                    InterruptPolarity.ACTIVE_LOW, ShareDisposition.SHARED, false, 0x1);
            rig.add("dev", List.of(r), d -> made[0] = d.createInterrupt(InterruptConfig.builder((x, m) -> true)
                    .policy(InterruptPolicy.SPECIFIED_PROCESSORS, InterruptPriority.HIGH, 0x1).build()));
            rig.host.start(rig.device);
            InterruptInfo info = made[0].getInfo();
            assertThat(info.vector()).isEqualTo(41);
            assertThat(info.messageNumber()).isZero();
            assertThat(info.irql()).isEqualTo(Irql.dirql(4));
            assertThat(info.mode()).isEqualTo(InterruptMode.LEVEL_SENSITIVE);
            assertThat(info.polarity()).isEqualTo(InterruptPolarity.ACTIVE_LOW);
            assertThat(info.shareDisposition()).isEqualTo(ShareDisposition.SHARED);
            assertThat(info.targetProcessorSet()).isEqualTo(0x1);
            assertThat(info.group()).isZero();
            assertThat(info.policy().policy()).isEqualTo(InterruptPolicy.SPECIFIED_PROCESSORS);
            assertThat(info.applied()).isNotEqualTo(AppliedPolicy.NONE);
        }
    }

    @Test
    void anOutOfRangePolicyIsRejectedAndTheCallIgnored() {
        try (Rig rig = new Rig()) {
            Interrupt i = rig.startOne(InterruptConfig.builder((x, m) -> true));
            i.setPolicy(InterruptPolicy.ONE_CLOSE_PROCESSOR, InterruptPriority.LOW, 0);
            InterruptExtendedPolicy before = i.getInfo().policy();
            assertThatThrownBy(() -> i.setPolicy(InterruptPolicy.SPECIFIED_PROCESSORS, InterruptPriority.HIGH, 0))
                    .isInstanceOf(InterruptConfigException.class).hasMessageContaining("empty processor set");
            assertThatThrownBy(() -> i.setPolicy(null, InterruptPriority.HIGH, 1))
                    .isInstanceOf(InterruptConfigException.class).hasMessageContaining("policy or priority is null");
            assertThatThrownBy(() -> i.setExtendedPolicy(new InterruptExtendedPolicy(InterruptPolicy.MACHINE_DEFAULT,
                    InterruptPriority.NORMAL, 0, 1))).hasMessageContaining("processor group 1");
            assertThat(i.getInfo().policy()).isEqualTo(before);
        }
    }

    @Test
    void deviceAttributesCanOnlyBeSetWhileAdding() {
        try (Rig rig = new Rig()) {
            Device d = rig.add("dev", List.of(), x -> x.setExecutionLevel(ExecutionLevel.PASSIVE));
            assertThat(d.executionLevel()).isEqualTo(ExecutionLevel.PASSIVE);
            assertThatThrownBy(() -> d.setExecutionLevel(ExecutionLevel.DISPATCH))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("call it in onDeviceAdd");
            assertThatThrownBy(() -> d.setPnpPowerCallbacks(new PnpPowerCallbacks() { }))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(d.host()).isSameAs(rig.host);
        }
    }
}

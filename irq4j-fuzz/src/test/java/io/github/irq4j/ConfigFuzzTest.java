package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.irq4j.spi.InProcessInterruptSource;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link InterruptConfig} and {@link IoQueueConfig} built from fuzzed values, as a driver written
 * by someone else would build them, then created on a device, started, signalled, stopped and
 * removed. Only the documented exceptions may come out: {@link InterruptConfigException} from
 * {@code build()} and {@code createInterrupt} (SPEC 2.2), {@link IllegalArgumentException} from
 * {@code IoQueueConfig.Builder.build()} and {@code createQueue}, {@link NullPointerException} only
 * where the fuzzer passed null for a required argument. A configuration that was accepted must
 * then run: started and stopped with no fault and no verifier violation.
 */
class ConfigFuzzTest {

    /** One host for the whole run: each input adds, starts, stops and removes its own device. */
    private static final Host HOST = Host.builder().build();

    private static final InterruptIsr CLAIM = (interrupt, message) -> true;
    private static final InterruptDpc DPC = (interrupt, object) -> { };
    private static final InterruptWorkItem WORK_ITEM = (interrupt, object) -> { };
    private static final IoRead READ = (queue, request, length) -> request.complete(RequestStatus.SUCCESS);
    private static final IoWrite WRITE = (queue, request, length) -> request.complete(RequestStatus.SUCCESS);

    private static int devices;

    @FuzzTest(maxDuration = "12s")
    void configurations(FuzzedDataProvider data) {
        var source = new InProcessInterruptSource("fuzz", 2);
        List<Resource> resources = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            InterruptResource line = InterruptResource.line("fuzz.irq" + m, source, m, data.pickValue(InterruptMode.values()))
                    .withShareDisposition(data.pickValue(ShareDisposition.values()));
            if (data.consumeBoolean()) {
                line = line.withDirqlIndex(data.consumeInt(0, Irql.MAX_DIRQL));
            }
            resources.add(line);
        }
        List<Interrupt> created = new ArrayList<>();
        Driver driver = device -> {
            if (data.consumeBoolean()) {
                device.setExecutionLevel(data.pickValue(ExecutionLevel.values()));
            }
            device.setPowerPolicyOwner(data.consumeBoolean());
            IoQueue queue = queue(device, data);
            for (int i = data.consumeInt(0, 3); i > 0; i--) {
                InterruptConfig config = interruptConfig(device, queue, resources, data);
                if (config == null) {
                    continue;
                }
                try {
                    created.add(device.createInterrupt(config));
                } catch (InterruptConfigException e) {
                    assertThat(e.reason()).isNotNull();
                    assertThat(e.getMessage()).isNotBlank();
                }
            }
        };
        Device device = HOST.addDevice("fuzz" + devices++, driver, resources);
        try {
            HOST.start(device);
            if (!created.isEmpty()) {
                source.fire(0);
                source.fire(1);
            }
            HOST.stop(device);
            assertThat(HOST.faults()).as("faults of an accepted configuration").isEmpty();
            assertThat(HOST.violations()).as("violations of an accepted configuration").isEmpty();
        } finally {
            HOST.remove(device);
        }
    }

    /** A queue from fuzzed values, or null when the fuzzer chose none or it was rightly refused. */
    private static IoQueue queue(Device device, FuzzedDataProvider data) {
        if (!data.consumeBoolean()) {
            return null;
        }
        IoQueueConfig.Builder b = IoQueueConfig.builder(data.pickValue(IoQueueDispatchType.values()))
                .name(name(data))
                .defaultQueue(data.consumeBoolean())
                .automaticSerialization(data.consumeBoolean());
        if (data.consumeBoolean()) {
            b.onRead(READ);
        }
        if (data.consumeBoolean()) {
            b.onWrite(WRITE);
        }
        try {
            return device.createQueue(b.build());
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    /** An interrupt configuration from fuzzed values, or null when it was rightly refused. */
    private static InterruptConfig interruptConfig(Device device, IoQueue queue, List<Resource> resources, FuzzedDataProvider data) {
        InterruptConfig.Builder b = InterruptConfig.builder(data.consumeInt(0, 9) == 0 ? null : CLAIM).name(name(data));
        if (data.consumeBoolean()) {
            b.dpc(DPC);
        }
        if (data.consumeBoolean()) {
            b.workItem(WORK_ITEM);
        }
        b.passiveHandling(data.consumeBoolean());
        switch (data.consumeInt(0, 2)) {
            case 1 -> b.spinLock(device.createSpinLock(data.consumeString(12)));
            case 2 -> b.waitLock(device.createWaitLock(data.consumeString(12)));
            default -> { }
        }
        b.automaticSerialization(data.consumeBoolean());
        switch (data.consumeInt(0, 2)) {
            case 1 -> b.parentObject(device);
            case 2 -> b.parentObject(queue);
            default -> { }
        }
        b.canWakeDevice(data.consumeBoolean());
        if (data.consumeBoolean()) {
            b.resource(resources.get(data.consumeInt(0, resources.size() - 1)));
        }
        switch (data.consumeInt(0, 2)) {
            case 1 -> b.policy(data.consumeBoolean() ? null : data.pickValue(InterruptPolicy.values()),
                    data.consumeBoolean() ? null : data.pickValue(InterruptPriority.values()), data.consumeLong());
            case 2 -> b.extendedPolicy(new InterruptExtendedPolicy(data.pickValue(InterruptPolicy.values()),
                    data.pickValue(InterruptPriority.values()), data.consumeLong(), data.consumeInt()));
            default -> { }
        }
        b.dispatchMode(data.pickValue(DispatchMode.values()));
        if (data.consumeBoolean()) {
            b.hybridSpinNs(data.consumeLong());
        }
        try {
            return b.build();
        } catch (InterruptConfigException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    private static String name(FuzzedDataProvider data) {
        return data.consumeBoolean() ? null : data.consumeString(12);
    }
}

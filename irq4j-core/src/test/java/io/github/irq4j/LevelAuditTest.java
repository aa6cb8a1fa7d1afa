package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC 1 and the "Level audit" table in DECISIONS: every public method whose Javadoc states a
 * highest level reports {@code IrqlTooHigh} when called above it. The calls here are made at
 * {@code DIRQL(0)}, holding a spin-lock interrupt's lock, which is above both {@code PASSIVE} and
 * {@code DISPATCH}; in {@code THROW} mode the call throws before it does anything.
 */
class LevelAuditTest {

    /** What a call needs: the started device, its interrupt, a work item, a manual queue and a request the driver owns. */
    record Objects(Host host, Device device, Interrupt interrupt, WorkItem workItem, IoQueue queue, Request request) {
    }

    private Rig rig;
    private Objects o;

    @BeforeEach
    void start() {
        rig = new Rig();
        Interrupt[] interrupt = new Interrupt[1];
        WorkItem[] work = new WorkItem[1];
        IoQueue[] queue = new IoQueue[1];
        rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED)), d -> {
            interrupt[0] = d.createInterrupt(InterruptConfig.builder((i, m) -> true).name("uart0").build());
            work[0] = d.createWorkItem(WorkItemConfig.builder(w -> { }).build());
            queue[0] = d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.MANUAL).name("dev.manual").build());
        });
        rig.host.start(rig.device);
        queue[0].submitRead(16);
        Request owned = queue[0].retrieveNextRequest();
        assertThat(owned).isNotNull();
        o = new Objects(rig.host, rig.device, interrupt[0], work[0], queue[0], owned);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    static Stream<Arguments> methods() {
        return Stream.of(
                call("WorkItem.flush() (PASSIVE)", x -> x.workItem().flush()),
                call("WdfObject.delete() (PASSIVE)", x -> x.workItem().delete()),
                call("WdfObject.setContext() (DISPATCH)", x -> x.workItem().setContext(String.class, "c")),
                call("Device.createQueue() (PASSIVE)", x -> x.device().createQueue(IoQueueConfig.builder(IoQueueDispatchType.MANUAL).build())),
                call("Device.createWorkItem() (PASSIVE)", x -> x.device().createWorkItem(WorkItemConfig.builder(w -> { }).build())),
                call("Device.createInterrupt() (PASSIVE)", x -> x.device().createInterrupt(InterruptConfig.builder((i, m) -> true).build())),
                call("Host.addDevice() (PASSIVE)", x -> x.host().addDevice("dev2", d -> { }, List.of())),
                call("IoQueue.retrieveNextRequest() (DISPATCH)", x -> x.queue().retrieveNextRequest()),
                call("Request.retrieveOutputBuffer() (DISPATCH)", x -> x.request().retrieveOutputBuffer()),
                call("Request.complete() (DISPATCH)", x -> x.request().complete(RequestStatus.SUCCESS)),
                call("Request.completeWithInformation() (DISPATCH)", x -> x.request().completeWithInformation(RequestStatus.SUCCESS, 0)),
                call("Request.forwardToIoQueue() (DISPATCH)", x -> x.request().forwardToIoQueue(x.queue())),
                call("Request.markCancelable() (DISPATCH)", x -> x.request().markCancelable(r -> { })),
                call("Request.unmarkCancelable() (DISPATCH)", x -> x.request().unmarkCancelable()),
                call("Interrupt.enable() (PASSIVE)", x -> x.interrupt().enable()),
                call("Interrupt.getInfo() (DISPATCH)", x -> x.interrupt().getInfo()));
    }

    private static Arguments call(String name, Consumer<Objects> body) {
        return Arguments.of(name, body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void aboveItsLevelIsIrqlTooHigh(String name, Consumer<Objects> body) {
        o.interrupt().acquireLock();        // DIRQL(0)
        VerifierViolation v;
        try {
            v = catchThrowableOfType(VerifierViolation.class, () -> body.accept(o));
        } finally {
            o.interrupt().releaseLock();
        }
        assertThat(v).as("%s at DIRQL(0)", name).isNotNull();
        assertThat(v.rule()).isEqualTo(Rule.IRQL_TOO_HIGH);
        assertThat(v).hasMessageContaining("called at DIRQL(0)");
        // Thrown before it did anything: the request is still the driver's, the work item alive.
        assertThat(o.request().isCompleted()).isFalse();
        assertThat(o.workItem().isDeleted()).isFalse();
    }

    @Test
    void aWorkItemFlushFromADpcIsIrqlTooHigh() {
        try (Rig dpcRig = new Rig()) {
            WorkItem[] work = new WorkItem[1];
            Interrupt i = dpcRig.startOne(InterruptConfig.builder((x, m) -> x.queueDpcForIsr()).name("t0")
                    .dpc((x, dev) -> work[0].flush()));
            work[0] = dpcRig.device.createWorkItem(WorkItemConfig.builder(w -> { }).build());
            dpcRig.source.fire(0);
            Rig.await("the DPC's violation", () -> !dpcRig.host.violations().isEmpty());
            Violation v = dpcRig.host.violations().getFirst();
            assertThat(v.rule()).isEqualTo(Rule.IRQL_TOO_HIGH);
            assertThat(v.message()).contains("flush() on").contains("called at DISPATCH");
            assertThat(i.statistics().dpcRuns()).isLessThanOrEqualTo(1);
        }
    }
}

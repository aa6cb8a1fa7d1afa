package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Work items: coalescing, flush, parent objects, and the non-arbitrary thread they run on. */
class WorkItemTest {

    private static final long WAIT_S = Rig.DEADLINE.toSeconds();

    @Test
    void enqueueCoalescesUntilTheRunStartsAndOnceMoreDuringIt() throws Exception {
        // one worker: with two, the run queued during the first could start beside it
        try (Rig rig = new Rig(Host.builder().workerThreads(1), 1)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            rig.add("dev", List.of(), d -> { });
            WorkItem item = rig.device.createWorkItem(WorkItemConfig.builder(w -> {
                started.countDown();
                try {
                    release.await(WAIT_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).name("dev.wi").build());
            assertThat(item.enqueue()).isTrue();
            assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            // running: the first enqueue queues one more run, the rest coalesce into it
            assertThat(item.enqueue()).isTrue();
            assertThat(item.enqueue()).isFalse();
            assertThat(item.enqueue()).isFalse();
            release.countDown();
            item.flush();
            assertThat(item.runCount()).isEqualTo(2);
            assertThat(item.name()).isEqualTo("dev.wi");
        }
    }

    @Test
    void flushReturnsOnlyAfterTheRunEnded() throws Exception {
        try (Rig rig = new Rig()) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean finished = new AtomicBoolean();
            rig.add("dev", List.of(), d -> { });
            WorkItem item = rig.device.createWorkItem(WorkItemConfig.builder(w -> {
                try {
                    release.await(WAIT_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.set(true);
            }).build());
            Thread flusher = Thread.currentThread();
            Thread releaser = new Thread(() -> {
                Rig.await("the test thread waiting in flush()", () -> flusher.getState() == Thread.State.TIMED_WAITING
                        || flusher.getState() == Thread.State.WAITING);
                release.countDown();
            });
            item.enqueue();
            releaser.start();
            item.flush();
            assertThat(finished.get()).isTrue();
            releaser.join();
        }
    }

    @Test
    void parentIsTheDeviceOrTheGivenQueue() {
        try (Rig rig = new Rig()) {
            rig.add("dev", List.of(), d -> { });
            IoQueue queue = rig.device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.MANUAL).name("dev.q").build());
            WorkItem onDevice = rig.device.createWorkItem(WorkItemConfig.builder(w -> { }).build());
            WorkItem onQueue = rig.device.createWorkItem(WorkItemConfig.builder(w -> { }).parentObject(queue).build());
            assertThat(onDevice.getParentObject()).isSameAs(rig.device);
            assertThat(onQueue.getParentObject()).isSameAs(queue);
            assertThat(onQueue.getDevice()).isSameAs(rig.device);
            assertThat(onQueue.name()).isEqualTo("dev.q.workItem1");
            Device other = rig.host.addDevice("other", d -> { }, List.of());
            assertThatThrownBy(() -> other.createWorkItem(WorkItemConfig.builder(w -> { }).parentObject(queue).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a live object of this device");
        }
    }

    @Test
    void deletingTheParentDeletesTheWorkItem() {
        try (Rig rig = new Rig()) {
            rig.add("dev", List.of(), d -> { });
            IoQueue queue = rig.device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.MANUAL).build());
            WorkItem item = rig.device.createWorkItem(WorkItemConfig.builder(w -> { }).parentObject(queue).build());
            queue.delete();
            assertThat(item.isDeleted()).isTrue();
            assertThat(rig.device.queues()).isEmpty();
            assertThatThrownBy(item::enqueue).isInstanceOf(IllegalStateException.class).hasMessageContaining("deleted");
        }
    }

    @Test
    void workItemMayAcquireAPassiveInterruptLockEvenWhenQueuedFromAQueueCallback() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicReference<Interrupt> irq = new AtomicReference<>();
            AtomicReference<WorkItem> item = new AtomicReference<>();
            AtomicReference<Request> held = new AtomicReference<>();
            AtomicReference<String> workerThread = new AtomicReference<>();
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED)), d -> {
                irq.set(d.createInterrupt(InterruptConfig.builder((i, m) -> true).name("dev.irq").passiveHandling(true).build()));
                item.set(d.createWorkItem(WorkItemConfig.builder(w -> {
                    workerThread.set(Thread.currentThread().getName());
                    irq.get().acquireLock();
                    try {
                        held.get().retrieveOutputBuffer().put((byte) 42);
                    } finally {
                        irq.get().releaseLock();
                    }
                    held.get().completeWithInformation(RequestStatus.SUCCESS, 1);
                }).build()));
                d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL).defaultQueue(true)
                        .onRead((q, r, len) -> {
                            held.set(r);
                            item.get().enqueue();
                        }).build());
            });
            rig.host.start(rig.device);
            Completion c = rig.device.defaultQueue().orElseThrow().submitRead(1).completion().get(WAIT_S, TimeUnit.SECONDS);
            assertThat(c.data()).containsExactly(42);
            assertThat(workerThread.get()).startsWith("irq4j-work-");
            assertThat(rig.host.violations()).isEmpty();
            assertThat(rig.host.faults()).isEmpty();
        }
    }

    @Test
    void workItemReturningWithTheLockIsReported() throws Exception {
        try (Rig rig = Rig.withVerifier(VerifierMode.REPORT)) {
            AtomicReference<Interrupt> irq = new AtomicReference<>();
            rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED)), d ->
                    irq.set(d.createInterrupt(InterruptConfig.builder((i, m) -> true).name("dev.irq").passiveHandling(true).build())));
            rig.host.start(rig.device);
            WorkItem item = rig.device.createWorkItem(WorkItemConfig.builder(w -> irq.get().acquireLock()).build());
            item.enqueue();
            item.flush();
            assertThat(rig.host.violations()).extracting(Violation::rule).containsExactly(Rule.WDF_INTERRUPT_LOCK_RELEASE);
            assertThat(irq.get().tryToAcquireLock()).isTrue();
            irq.get().releaseLock();
        }
    }

    @Test
    void callbackExceptionIsAFault() {
        try (Rig rig = new Rig()) {
            rig.add("dev", List.of(), d -> { });
            WorkItem item = rig.device.createWorkItem(WorkItemConfig.builder(w -> {
                throw new IllegalStateException("boom in work item");
            }).name("dev.bad").build());
            item.enqueue();
            item.flush();
            assertThat(rig.host.faults()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(Fault.Kind.CALLBACK_EXCEPTION);
                assertThat(f.where()).isEqualTo("dev.bad");
                assertThat(f.message()).contains("boom in work item");
            });
        }
    }

    @Test
    void automaticSerializationNeedsAPassiveParent() throws Exception {
        try (Rig rig = new Rig()) {
            rig.add("dev", List.of(), d -> { });
            assertThatThrownBy(() -> rig.device.createWorkItem(WorkItemConfig.builder(w -> { }).automaticSerialization(true).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a PASSIVE parent");
        }
        try (Rig rig = new Rig()) {
            AtomicReference<IoQueue> queue = new AtomicReference<>();
            AtomicReference<WorkItem> item = new AtomicReference<>();
            AtomicReference<Boolean> overlapped = new AtomicReference<>(false);
            AtomicBoolean inRead = new AtomicBoolean();
            rig.add("dev", List.of(), d -> {
                d.setExecutionLevel(ExecutionLevel.PASSIVE);
                queue.set(d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true).automaticSerialization(true)
                        .onRead((q, r, len) -> {
                            inRead.set(true);
                            item.get().enqueue();
                            for (int i = 0; i < 20_000; i++) {
                                Thread.onSpinWait();
                            }
                            inRead.set(false);
                            r.complete(RequestStatus.SUCCESS);
                        }).build()));
                item.set(d.createWorkItem(WorkItemConfig.builder(w -> {
                    if (inRead.get()) {
                        overlapped.set(true);
                    }
                }).parentObject(queue.get()).automaticSerialization(true).build()));
            });
            rig.host.start(rig.device);
            for (int i = 0; i < 20; i++) {
                assertThat(queue.get().submitRead(1).completion().get(WAIT_S, TimeUnit.SECONDS).isSuccess()).isTrue();
            }
            item.get().flush();
            assertThat(item.get().runCount()).isPositive();
            assertThat(overlapped.get()).isFalse();
        }
    }
}

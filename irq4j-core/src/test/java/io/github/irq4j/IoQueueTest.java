package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Dispatch types, queue state and the arbitrary-thread rule for queue callbacks. */
class IoQueueTest {

    private static final long WAIT_S = Rig.DEADLINE.toSeconds();

    /** Adds and starts a device with a passive interrupt and the queues {@code setup} creates. */
    private static Interrupt startDevice(Rig rig, java.util.function.Consumer<Device> setup) {
        AtomicReference<Interrupt> irq = new AtomicReference<>();
        rig.add("dev", List.of(rig.line(0, InterruptMode.LATCHED)), d -> {
            irq.set(d.createInterrupt(InterruptConfig.builder((i, m) -> true).name("dev.irq").passiveHandling(true).build()));
            setup.accept(d);
        });
        rig.host.start(rig.device);
        return irq.get();
    }

    private static Completion done(PendingRequest p) throws Exception {
        return p.completion().get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void sequentialDeliversOneAtATimeInSubmissionOrder() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL)
                    .defaultQueue(true).onRead((q, r, len) -> delivered.add(r)).build()));
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            List<PendingRequest> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(queue.submitRead(i + 1));
            }
            // delivery is decided at submit time: one request out, four waiting
            assertThat(queue.statistics().delivered()).isEqualTo(1);
            assertThat(queue.statistics().queued()).isEqualTo(4);
            for (int i = 0; i < 5; i++) {
                Request r = delivered.poll(WAIT_S, TimeUnit.SECONDS);
                assertThat(r).isNotNull();
                assertThat(r.length()).isEqualTo(i + 1);
                assertThat(delivered).isEmpty();
                assertThat(queue.statistics().driverOwned()).isEqualTo(1);
                r.completeWithInformation(RequestStatus.SUCCESS, 0);
            }
            for (PendingRequest p : sent) {
                assertThat(done(p).status()).isEqualTo(RequestStatus.SUCCESS);
            }
            assertThat(queue.statistics()).isEqualTo(new IoQueueStatistics(5, 0, 5, 5, 0, 0, 0));
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    @Test
    void parallelDeliversConcurrently() throws Exception {
        try (Rig rig = new Rig()) {
            CountDownLatch both = new CountDownLatch(2);
            List<Boolean> sawOther = Collections.synchronizedList(new ArrayList<>());
            startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL)
                    .defaultQueue(true).onRead((q, r, len) -> {
                        both.countDown();
                        try {
                            sawOther.add(both.await(WAIT_S, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        r.complete(RequestStatus.SUCCESS);
                    }).build()));
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            PendingRequest a = queue.submitRead(1);
            PendingRequest b = queue.submitRead(1);
            assertThat(done(a).isSuccess()).isTrue();
            assertThat(done(b).isSuccess()).isTrue();
            assertThat(sawOther).containsExactly(true, true);
        }
    }

    @Test
    void manualQueueHoldsRequestsUntilRetrieved() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicReference<IoQueue> manual = new AtomicReference<>();
            startDevice(rig, d -> {
                manual.set(d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.MANUAL).name("dev.manual").build()));
                d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true)
                        .onRead((q, r, len) -> r.forwardToIoQueue(manual.get())).build());
            });
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            PendingRequest first = queue.submitRead(3);
            PendingRequest second = queue.submitRead(4);
            Rig.await("two requests in the manual queue", () -> manual.get().statistics().queued() == 2);
            Request r1 = manual.get().retrieveNextRequest();
            Request r2 = manual.get().retrieveNextRequest();
            assertThat(manual.get().retrieveNextRequest()).isNull();
            assertThat(List.of(r1.length(), r2.length())).containsExactlyInAnyOrder(3L, 4L);
            assertThat(r1.getIoQueue()).isSameAs(manual.get());
            r1.retrieveOutputBuffer().put((byte) 7);
            r1.completeWithInformation(RequestStatus.SUCCESS, 1);
            r2.complete(RequestStatus.SUCCESS);
            Completion c = done(r1.length() == 3 ? first : second);
            assertThat(c.data()).containsExactly(7);
            assertThat(manual.get().statistics()).isEqualTo(new IoQueueStatistics(0, 2, 2, 2, 0, 0, 0));
            assertThatThrownBy(queue::retrieveNextRequest).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only MANUAL queues");
        }
    }

    @Test
    void manualQueueConfigRejectsCallbacksAndDefault() {
        assertThatThrownBy(() -> IoQueueConfig.builder(IoQueueDispatchType.MANUAL).onRead((q, r, l) -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never calls onRead");
        assertThatThrownBy(() -> IoQueueConfig.builder(IoQueueDispatchType.MANUAL).defaultQueue(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be the default queue");
    }

    @Test
    void secondDefaultQueueIsRejected() {
        try (Rig rig = new Rig()) {
            startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true).build()));
            assertThatThrownBy(() -> rig.device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has default queue");
            assertThat(rig.device.queues()).hasSize(1);
        }
    }

    @Test
    void requestWithoutCallbackCompletesAsInvalidDeviceRequest() throws Exception {
        try (Rig rig = new Rig()) {
            startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL).defaultQueue(true)
                    .onRead((q, r, len) -> r.complete(RequestStatus.SUCCESS)).build()));
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            assertThat(done(queue.submitWrite(new byte[] {1, 2})).status()).isEqualTo(RequestStatus.INVALID_DEVICE_REQUEST);
            assertThat(done(queue.submitDeviceControl(0x22, new byte[0], 4)).status()).isEqualTo(RequestStatus.INVALID_DEVICE_REQUEST);
            assertThat(done(queue.submitRead(1)).status()).isEqualTo(RequestStatus.SUCCESS);
        }
    }

    @Test
    void submitBeforeStartIsDeviceNotReady() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicReference<IoQueue> queue = new AtomicReference<>();
            rig.add("dev", List.of(), d -> queue.set(d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL)
                    .onRead((q, r, len) -> r.complete(RequestStatus.SUCCESS)).build())));
            assertThat(done(queue.get().submitRead(1)).status()).isEqualTo(RequestStatus.DEVICE_NOT_READY);
            assertThatThrownBy(() -> queue.get().submitRead(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("length -1");
        }
    }

    @Test
    void callbackThatThrowsIsAFaultAndItsRequestFailsWhileTheQueueGoesOn() throws Exception {
        // A policy that reports and goes on: with the default policy the fault fails the device,
        // and whether the second request is then queued first or rejected depends on timing.
        try (Rig rig = new Rig(Host.builder().restartPolicy(new RestartPolicy(false, 0)), 4)) {
            AtomicInteger calls = new AtomicInteger();
            startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL).defaultQueue(true)
                    .onRead((q, r, len) -> {
                        if (calls.getAndIncrement() == 0) {
                            throw new IllegalStateException("boom in onRead");
                        }
                        r.complete(RequestStatus.SUCCESS);
                    }).build()));
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            PendingRequest bad = queue.submitRead(1);
            PendingRequest good = queue.submitRead(1);
            assertThat(done(bad).status()).isEqualTo(RequestStatus.UNSUCCESSFUL);
            assertThat(done(good).status()).isEqualTo(RequestStatus.SUCCESS);
            assertThat(rig.host.faults()).anySatisfy(f -> {
                assertThat(f.kind()).isEqualTo(Fault.Kind.CALLBACK_EXCEPTION);
                assertThat(f.message()).contains("onRead").contains("boom in onRead");
            });
        }
    }

    @Test
    void callbackThatThrowsUnderTheDefaultPolicyFailsTheDeviceAndLaterRequestsAreNotReady() throws Exception {
        try (Rig rig = new Rig(Host.builder().restartPolicy(RestartPolicy.DEFAULT), 4)) {
            startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL).defaultQueue(true)
                    .onRead((q, r, len) -> {
                        throw new IllegalStateException("boom in onRead");
                    }).build()));
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            assertThat(done(queue.submitRead(1)).status()).isEqualTo(RequestStatus.UNSUCCESSFUL);
            Rig.await("device failed", () -> rig.device.state() == DeviceState.FAILED);
            assertThat(done(queue.submitRead(1)).status()).isEqualTo(RequestStatus.DEVICE_NOT_READY);
            assertThat(rig.host.faults()).anySatisfy(f -> assertThat(f.message()).contains("failing the device"));
        }
    }

    @Test
    void stoppedQueueHoldsRequestsUntilStarted() throws Exception {
        try (Rig rig = new Rig()) {
            startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true)
                    .onRead((q, r, len) -> r.complete(RequestStatus.SUCCESS)).build()));
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            queue.stop();
            PendingRequest p = queue.submitRead(1);
            assertThat(queue.statistics().queued()).isEqualTo(1);
            assertThat(p.completion()).isNotDone();
            queue.start();
            assertThat(done(p).isSuccess()).isTrue();
        }
    }

    @Test
    void purgeCancelsQueuedAndLaterRequestsUntilStart() throws Exception {
        try (Rig rig = new Rig()) {
            startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true)
                    .onRead((q, r, len) -> r.complete(RequestStatus.SUCCESS)).build()));
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            queue.stop();
            PendingRequest waiting = queue.submitRead(1);
            queue.purge();
            assertThat(done(waiting).status()).isEqualTo(RequestStatus.CANCELLED);
            assertThat(done(queue.submitRead(1)).status()).isEqualTo(RequestStatus.CANCELLED);
            queue.start();
            assertThat(done(queue.submitRead(1)).status()).isEqualTo(RequestStatus.SUCCESS);
            assertThat(queue.statistics().cancelled()).isEqualTo(2);
        }
    }

    @Test
    void acquireLockOnAPassiveInterruptInAQueueCallbackIsInterruptLockArbitraryThread() throws Exception {
        try (Rig rig = Rig.withVerifier(VerifierMode.REPORT)) {
            AtomicReference<Interrupt> irq = new AtomicReference<>();
            irq.set(startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL).defaultQueue(true)
                    .onRead((q, r, len) -> {
                        irq.get().acquireLock();
                        try {
                            r.complete(RequestStatus.SUCCESS);
                        } finally {
                            irq.get().releaseLock();
                        }
                    }).build())));
            assertThat(done(rig.device.defaultQueue().orElseThrow().submitRead(1)).isSuccess()).isTrue();
            assertThat(rig.host.violations()).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo(Rule.INTERRUPT_LOCK_ARBITRARY_THREAD);
                assertThat(v.interrupt()).isEqualTo("dev.irq");
                assertThat(v.thread()).startsWith("irq4j-io-");
            });
        }
    }

    @Test
    void acquireLockInThrowModeFailsTheCallbackAndTheRequest() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicReference<Interrupt> irq = new AtomicReference<>();
            irq.set(startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL).defaultQueue(true)
                    .onRead((q, r, len) -> {
                        irq.get().acquireLock(); // throws: the rest is not reached
                        irq.get().releaseLock();
                        r.complete(RequestStatus.SUCCESS);
                    }).build())));
            assertThat(done(rig.device.defaultQueue().orElseThrow().submitRead(1)).status()).isEqualTo(RequestStatus.UNSUCCESSFUL);
            assertThat(rig.host.violations()).extracting(Violation::rule).containsExactly(Rule.INTERRUPT_LOCK_ARBITRARY_THREAD);
        }
    }

    @Test
    void tryToAcquireLockInAQueueCallbackIsLegal() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicReference<Interrupt> irq = new AtomicReference<>();
            AtomicReference<Boolean> got = new AtomicReference<>();
            irq.set(startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL).defaultQueue(true)
                    .onRead((q, r, len) -> {
                        boolean locked = irq.get().tryToAcquireLock();
                        got.set(locked);
                        if (locked) {
                            irq.get().releaseLock();
                        }
                        r.complete(RequestStatus.SUCCESS);
                    }).build())));
            assertThat(done(rig.device.defaultQueue().orElseThrow().submitRead(1)).isSuccess()).isTrue();
            assertThat(got.get()).isTrue();
            assertThat(rig.host.violations()).isEmpty();
            assertThat(rig.host.faults()).isEmpty();
        }
    }

    @Test
    void callbackReturningWithTheInterruptLockIsReportedAndTheLockReleased() throws Exception {
        try (Rig rig = Rig.withVerifier(VerifierMode.REPORT)) {
            AtomicReference<Interrupt> irq = new AtomicReference<>();
            irq.set(startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.SEQUENTIAL).defaultQueue(true)
                    .onRead((q, r, len) -> {
                        if (irq.get().tryToAcquireLock()) {
                            r.complete(RequestStatus.SUCCESS); // forgot releaseLock()
                        }
                    }).build())));
            assertThat(done(rig.device.defaultQueue().orElseThrow().submitRead(1)).isSuccess()).isTrue();
            Rig.await("the lock-release violation", () -> !rig.host.violations().isEmpty());
            assertThat(rig.host.violations()).extracting(Violation::rule).containsExactly(Rule.WDF_INTERRUPT_LOCK_RELEASE);
            // the framework released it: this thread can take it now
            assertThat(irq.get().tryToAcquireLock()).isTrue();
            irq.get().releaseLock();
        }
    }

    @Test
    void automaticSerializationRunsParallelCallbacksOneAtATime() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger maxInside = new AtomicInteger();
            rig.add("dev", List.of(), d -> {
                d.setExecutionLevel(ExecutionLevel.PASSIVE);
                d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true).automaticSerialization(true)
                        .onRead((q, r, len) -> {
                            int now = inside.incrementAndGet();
                            maxInside.accumulateAndGet(now, Math::max);
                            for (int spin = 0; spin < 10_000; spin++) {
                                Thread.onSpinWait();
                            }
                            inside.decrementAndGet();
                            r.complete(RequestStatus.SUCCESS);
                        }).build());
            });
            rig.host.start(rig.device);
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            List<PendingRequest> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sent.add(queue.submitRead(1));
            }
            for (PendingRequest p : sent) {
                assertThat(done(p).isSuccess()).isTrue();
            }
            assertThat(maxInside.get()).isEqualTo(1);
            assertThat(rig.host.violations()).isEmpty();
        }
    }

    @Test
    void removingTheDeviceCancelsQueuedRequests() throws Exception {
        Rig rig = new Rig();
        startDevice(rig, d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true)
                .onRead((q, r, len) -> r.complete(RequestStatus.SUCCESS)).build()));
        IoQueue queue = rig.device.defaultQueue().orElseThrow();
        queue.stop();
        PendingRequest p = queue.submitRead(1);
        rig.close();
        assertThat(done(p).status()).isEqualTo(RequestStatus.CANCELLED);
        assertThat(queue.isDeleted()).isTrue();
    }
}

package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Requests queued or owned by the driver when its device stops, fails or is removed (SPEC 2.10):
 * each is completed, a fault says how many the driver still owned, and a late completion has no
 * effect but a fault.
 */
class RequestsAtRemovalTest {

    private static final long WAIT_S = Rig.DEADLINE.toSeconds();

    /** A started device whose default parallel queue hands every read to {@code held}, which keeps it. */
    private static IoQueue holdingDevice(Rig rig, LinkedBlockingQueue<Request> held) {
        rig.add("dev", List.of(), d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true)
                .onRead((q, r, len) -> held.add(r)).build()));
        rig.host.start(rig.device);
        return rig.device.defaultQueue().orElseThrow();
    }

    private static Completion done(PendingRequest p) throws Exception {
        return p.completion().get(WAIT_S, TimeUnit.SECONDS);
    }

    private static List<Fault> faultsOf(Rig rig, Fault.Kind kind) {
        return rig.host.faults().stream().filter(f -> f.kind() == kind).toList();
    }

    @Test
    void aDriverHolding64ReadsWhenTheHostClosesHasThemCompletedAndABlockedClientReturns() throws Exception {
        Rig rig = new Rig();
        LinkedBlockingQueue<Request> held = new LinkedBlockingQueue<>();
        IoQueue queue = holdingDevice(rig, held);
        List<PendingRequest> sent = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            sent.add(queue.submitRead(8));
        }
        Rig.await("64 reads held by the driver", () -> held.size() == 64);
        AtomicReference<Completion> seen = new AtomicReference<>();
        Thread client = Thread.ofPlatform().name("blocked-client").daemon(true)
                .start(() -> seen.set(sent.getFirst().completion().join()));
        rig.close();
        client.join(TimeUnit.SECONDS.toMillis(WAIT_S));
        assertThat(client.isAlive()).as("the client blocked on a completion returned").isFalse();
        assertThat(seen.get().status()).isEqualTo(RequestStatus.DEVICE_REMOVED);
        for (PendingRequest p : sent) {
            assertThat(p.completion()).isDone();
            assertThat(p.completion().get().status()).isEqualTo(RequestStatus.DEVICE_REMOVED);
            assertThat(p.completion().get().data()).isEmpty();
        }
        assertThat(faultsOf(rig, Fault.Kind.REQUESTS_ABANDONED)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("64 requests still owned by the driver when device 'dev' stopped")
                        .contains("0 were completed by their cancel routines").contains("DEVICE_REMOVED"));
    }

    @Test
    void stopCancelsQueuedRequestsTakesBackOwnedOnesAndTheDeviceStartsAgain() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> held = new LinkedBlockingQueue<>();
            IoQueue queue = holdingDevice(rig, held);
            IoQueue manual = rig.device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.MANUAL).name("dev.manual").build());
            PendingRequest owned = queue.submitRead(4);
            Request ownedRequest = held.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(ownedRequest).isNotNull();
            ownedRequest.forwardToIoQueue(manual);
            Request retrieved = manual.retrieveNextRequest();
            assertThat(retrieved).isSameAs(ownedRequest);
            PendingRequest delivered = queue.submitRead(2);
            Request deliveredRequest = held.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(deliveredRequest).isNotNull();
            queue.stop();
            PendingRequest waiting = queue.submitRead(1);

            rig.host.stop(rig.device);

            assertThat(done(waiting).status()).isEqualTo(RequestStatus.CANCELLED);
            assertThat(done(owned).status()).isEqualTo(RequestStatus.DEVICE_REMOVED);
            assertThat(done(delivered).status()).isEqualTo(RequestStatus.DEVICE_REMOVED);
            assertThat(retrieved.isCompleted()).isTrue();
            assertThat(retrieved.isCanceled()).isTrue();
            assertThat(queue.statistics().queued()).isZero();
            assertThat(queue.statistics().driverOwned()).isZero();
            assertThat(manual.statistics().driverOwned()).isZero();
            assertThat(faultsOf(rig, Fault.Kind.REQUESTS_ABANDONED)).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("2 requests still owned")
                            .contains(retrieved.name()).contains("dev.queue0/read#1"));

            rig.host.start(rig.device);
            queue.start();
            PendingRequest after = queue.submitRead(1);
            Request next = held.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            next.complete(RequestStatus.SUCCESS);
            assertThat(done(after).status()).isEqualTo(RequestStatus.SUCCESS);
        }
    }

    @Test
    void cancelableRequestsTheDriverHoldsGoThroughTheirCancelRoutinesWithoutAFault() throws Exception {
        try (Rig rig = new Rig()) {
            AtomicInteger routines = new AtomicInteger();
            LinkedBlockingQueue<Request> held = new LinkedBlockingQueue<>();
            rig.add("dev", List.of(), d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true)
                    .onRead((q, r, len) -> {
                        assertThat(r.markCancelable(req -> {
                            routines.incrementAndGet();
                            req.complete(RequestStatus.CANCELLED);
                        })).isTrue();
                        held.add(r);
                    }).build()));
            rig.host.start(rig.device);
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            PendingRequest a = queue.submitRead(1);
            PendingRequest b = queue.submitRead(1);
            Rig.await("two reads held", () -> held.size() == 2);
            rig.host.stop(rig.device);
            assertThat(done(a).status()).isEqualTo(RequestStatus.CANCELLED);
            assertThat(done(b).status()).isEqualTo(RequestStatus.CANCELLED);
            assertThat(routines.get()).isEqualTo(2);
            assertThat(faultsOf(rig, Fault.Kind.REQUESTS_ABANDONED)).isEmpty();
            assertThat(faultsOf(rig, Fault.Kind.LATE_COMPLETION)).isEmpty();
        }
    }

    @Test
    void aLateCompletionHasNoEffectButAFaultAndTheHostGoesOn() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> held = new LinkedBlockingQueue<>();
            IoQueue queue = holdingDevice(rig, held);
            IoQueue other = rig.device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.MANUAL).name("dev.other").build());
            PendingRequest p1 = queue.submitRead(4);
            PendingRequest p2 = queue.submitRead(4);
            Rig.await("two reads held", () -> held.size() == 2);
            Request r1 = held.take();
            Request r2 = held.take();
            rig.host.stop(rig.device);
            assertThat(done(p1).status()).isEqualTo(RequestStatus.DEVICE_REMOVED);

            // what a driver that missed the stop gets: no exception, no second completion, a fault per call
            r1.retrieveOutputBuffer().put((byte) 7);
            assertThat(r1.isCompleted()).isTrue();
            assertThat(r1.isCanceled()).isTrue();
            assertThat(r1.markCancelable(req -> { })).isFalse();
            assertThat(r1.unmarkCancelable()).isFalse();
            r1.completeWithInformation(RequestStatus.SUCCESS, 1);
            r1.complete(RequestStatus.SUCCESS);
            r2.forwardToIoQueue(other);
            assertThat(done(p1).status()).isEqualTo(RequestStatus.DEVICE_REMOVED);
            assertThat(done(p1).information()).isZero();
            assertThat(done(p2).status()).isEqualTo(RequestStatus.DEVICE_REMOVED);
            assertThat(other.statistics().queued()).isZero();
            assertThat(queue.statistics().completed()).isEqualTo(2);
            List<Fault> late = faultsOf(rig, Fault.Kind.LATE_COMPLETION);
            assertThat(late).hasSize(3);
            assertThat(late.get(0).message()).contains("complete(SUCCESS)").contains(r1.name()).contains("had no effect");
            assertThat(late.get(2).message()).contains("forwardToIoQueue('dev.other')").contains(r2.name());
            assertThat(late.get(0).cause().getStackTrace()).anySatisfy(e ->
                    assertThat(e.getMethodName()).isEqualTo("aLateCompletionHasNoEffectButAFaultAndTheHostGoesOn"));

            // the device starts again and serves requests; the late calls failed nothing
            rig.host.start(rig.device);
            assertThat(rig.device.state()).isEqualTo(DeviceState.STARTED);
            PendingRequest after = queue.submitRead(1);
            Request next = held.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            next.complete(RequestStatus.SUCCESS);
            assertThat(done(after).isSuccess()).isTrue();
            assertThatThrownBy(() -> next.complete(RequestStatus.SUCCESS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("completed twice");
            assertThat(faultsOf(rig, Fault.Kind.LATE_COMPLETION)).hasSize(3);
        }
    }

    @Test
    void aDeviceFailedByAFaultHasItsHeldRequestsCompletedBeforeItRestarts() throws Exception {
        try (Rig rig = new Rig(Host.builder().restartPolicy(new RestartPolicy(true, 1)), 4)) {
            LinkedBlockingQueue<Request> held = new LinkedBlockingQueue<>();
            rig.add("dev", List.of(), d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true)
                    .onRead((q, r, len) -> held.add(r))
                    .onWrite((q, r, len) -> {
                        throw new IllegalStateException("boom in onWrite");
                    }).build()));
            rig.host.start(rig.device);
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            List<PendingRequest> reads = List.of(queue.submitRead(1), queue.submitRead(1), queue.submitRead(1));
            Rig.await("three reads held", () -> held.size() == 3);
            assertThat(done(queue.submitWrite(new byte[] {1})).status()).isEqualTo(RequestStatus.UNSUCCESSFUL);
            for (PendingRequest p : reads) {
                assertThat(done(p).status()).isEqualTo(RequestStatus.DEVICE_REMOVED);
            }
            Rig.await("restarted", () -> rig.device.state() == DeviceState.STARTED
                    && !faultsOf(rig, Fault.Kind.RESTART).isEmpty());
            assertThat(faultsOf(rig, Fault.Kind.REQUESTS_ABANDONED)).singleElement()
                    .satisfies(f -> assertThat(f.message()).startsWith("3 requests still owned by the driver when device 'dev' failed"));
            held.clear();
            PendingRequest after = queue.submitRead(1);
            Request next = held.poll(WAIT_S, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            next.complete(RequestStatus.SUCCESS);
            assertThat(done(after).isSuccess()).isTrue();
        }
    }

    /**
     * The wait for an I/O callback in progress is part of the stop's budget: with a 100 ms stop
     * timeout, a stop whose request callback never returns comes back long before the 5 s the wait
     * takes outside a budget, and the request the callback owns is taken back.
     */
    @Test
    void theWaitForAnIoCallbackKeepsToTheStopTimeout() throws Exception {
        try (Rig rig = new Rig(Host.builder().stopTimeout(java.time.Duration.ofMillis(100)), 4)) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            rig.add("dev", List.of(), d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true)
                    .onRead((q, r, len) -> {
                        entered.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }).build()));
            try {
                rig.host.start(rig.device);
                PendingRequest stuck = rig.device.defaultQueue().orElseThrow().submitRead(1);
                assertThat(entered.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
                long t0 = System.nanoTime();
                rig.host.stop(rig.device);
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertThat(release.getCount()).as("the callback still blocks").isEqualTo(1);
                assertThat(tookMs).as("stop within its budget, not the 5 s fallback").isLessThan(4_000);
                assertThat(done(stuck).status()).isEqualTo(RequestStatus.DEVICE_REMOVED);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void stopWaitsForAnIoCallbackInProgressAndADeliveryNotYetRunNeverReachesTheDriver() throws Exception {
        // One worker thread: the second read's delivery waits behind the first read's callback.
        try (Rig rig = new Rig(Host.builder().workerThreads(1), 4)) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            LinkedBlockingQueue<Long> seen = new LinkedBlockingQueue<>();
            rig.add("dev", List.of(), d -> d.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).defaultQueue(true)
                    .onRead((q, r, len) -> {
                        seen.add(len);
                        if (len != 1) {
                            r.complete(RequestStatus.SUCCESS);
                            return;
                        }
                        entered.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        r.complete(RequestStatus.SUCCESS);
                    }).build()));
            rig.host.start(rig.device);
            IoQueue queue = rig.device.defaultQueue().orElseThrow();
            PendingRequest first = queue.submitRead(1);
            assertThat(entered.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            PendingRequest second = queue.submitRead(2);
            AtomicReference<Throwable> stopFailure = new AtomicReference<>();
            Thread stopper = Thread.ofPlatform().name("stopper").daemon(true).start(() -> {
                try {
                    rig.host.stop(rig.device);
                } catch (Throwable t) {
                    stopFailure.set(t);
                }
            });
            Rig.await("power-down began", () -> rig.device.state() != DeviceState.STARTED);
            assertThat(first.completion()).isNotDone();
            release.countDown();
            stopper.join(TimeUnit.SECONDS.toMillis(WAIT_S));
            assertThat(stopper.isAlive()).isFalse();
            assertThat(stopFailure.get()).isNull();
            assertThat(done(first).status()).isEqualTo(RequestStatus.SUCCESS);
            assertThat(done(second).status()).isEqualTo(RequestStatus.CANCELLED);
            // a third read, after a restart, is delivered on the one worker after the held-back delivery ran
            rig.host.start(rig.device);
            assertThat(done(queue.submitRead(3)).isSuccess()).isTrue();
            assertThat(seen).containsExactly(1L, 3L);
            assertThat(faultsOf(rig, Fault.Kind.REQUESTS_ABANDONED)).isEmpty();
            assertThat(faultsOf(rig, Fault.Kind.LATE_COMPLETION)).isEmpty();
        }
    }
}

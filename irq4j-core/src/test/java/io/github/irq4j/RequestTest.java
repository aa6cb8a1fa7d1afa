package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Completion, buffers, forwarding and cancellation of requests. */
class RequestTest {

    private static final long WAIT_S = Rig.DEADLINE.toSeconds();

    /** A started device whose default sequential queue hands each request to {@code delivered}. */
    private static IoQueue holdingQueue(Rig rig, LinkedBlockingQueue<Request> delivered, IoQueueDispatchType type) {
        rig.add("dev", List.of(), d -> d.createQueue(IoQueueConfig.builder(type).defaultQueue(true)
                .onRead((q, r, len) -> delivered.add(r))
                .onWrite((q, r, len) -> delivered.add(r))
                .onDeviceControl((q, r, out, in, code) -> delivered.add(r)).build()));
        rig.host.start(rig.device);
        return rig.device.defaultQueue().orElseThrow();
    }

    private static Request next(LinkedBlockingQueue<Request> delivered) throws InterruptedException {
        Request r = delivered.poll(WAIT_S, TimeUnit.SECONDS);
        assertThat(r).as("a delivered request").isNotNull();
        return r;
    }

    private static Completion done(PendingRequest p) throws Exception {
        return p.completion().get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void readCompletesWithTheBytesTheDriverPutAndItsInformation() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            IoQueue queue = holdingQueue(rig, delivered, IoQueueDispatchType.SEQUENTIAL);
            PendingRequest p = queue.submitRead(8);
            Request r = next(delivered);
            assertThat(r.type()).isEqualTo(RequestType.READ);
            assertThat(r.getIoQueue()).isSameAs(queue);
            assertThat(r.getParentObject()).isSameAs(queue);
            ByteBuffer out = r.retrieveOutputBuffer();
            assertThat(out.capacity()).isEqualTo(8);
            assertThat(r.retrieveOutputBuffer()).isSameAs(out);
            out.put(new byte[] {10, 20, 30});
            assertThatThrownBy(() -> r.completeWithInformation(RequestStatus.SUCCESS, 9))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("information 9");
            r.completeWithInformation(RequestStatus.SUCCESS, 3);
            Completion c = done(p);
            assertThat(c.status()).isEqualTo(RequestStatus.SUCCESS);
            assertThat(c.information()).isEqualTo(3);
            assertThat(c.data()).containsExactly(10, 20, 30);
            assertThat(r.isCompleted()).isTrue();
            assertThatThrownBy(() -> r.complete(RequestStatus.SUCCESS))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("completed twice");
            assertThatThrownBy(r::retrieveOutputBuffer).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("after it was completed");
        }
    }

    @Test
    void writeAndDeviceControlCarryTheirInput() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            IoQueue queue = holdingQueue(rig, delivered, IoQueueDispatchType.PARALLEL);
            PendingRequest w = queue.submitWrite(new byte[] {1, 2, 3});
            Request wr = next(delivered);
            assertThat(wr.type()).isEqualTo(RequestType.WRITE);
            assertThat(wr.length()).isEqualTo(3);
            ByteBuffer in = wr.retrieveInputBuffer();
            assertThat(in.isReadOnly()).isTrue();
            assertThat(in.get(2)).isEqualTo((byte) 3);
            assertThatThrownBy(wr::retrieveOutputBuffer).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no output buffer");
            wr.completeWithInformation(RequestStatus.SUCCESS, 3);
            assertThat(done(w).information()).isEqualTo(3);
            assertThat(done(w).data()).isEmpty();

            PendingRequest ioctl = queue.submitDeviceControl(0x2200, new byte[] {5}, 2);
            Request cr = next(delivered);
            assertThat(cr.ioControlCode()).isEqualTo(0x2200);
            assertThat(cr.length()).isEqualTo(2);
            assertThat(cr.retrieveInputBuffer().get(0)).isEqualTo((byte) 5);
            cr.retrieveOutputBuffer().put((byte) 6).put((byte) 7);
            cr.completeWithInformation(RequestStatus.SUCCESS, 2);
            assertThat(done(ioctl).data()).containsExactly(6, 7);
        }
    }

    @Test
    void failedCompletionCarriesNoData() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            IoQueue queue = holdingQueue(rig, delivered, IoQueueDispatchType.SEQUENTIAL);
            PendingRequest p = queue.submitRead(4);
            Request r = next(delivered);
            r.retrieveOutputBuffer().put((byte) 1);
            r.complete(RequestStatus.BUFFER_TOO_SMALL);
            assertThat(done(p).status()).isEqualTo(RequestStatus.BUFFER_TOO_SMALL);
            assertThat(done(p).data()).isEmpty();
            assertThat(RequestStatus.CANCELLED.ntstatus()).isEqualTo(0xC0000120);
        }
    }

    @Test
    void forwardingFromASequentialQueueLetsTheNextRequestIn() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            IoQueue queue = holdingQueue(rig, delivered, IoQueueDispatchType.SEQUENTIAL);
            IoQueue manual = rig.device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.MANUAL).name("dev.held").build());
            PendingRequest p1 = queue.submitRead(1);
            PendingRequest p2 = queue.submitRead(2);
            Request r1 = next(delivered);
            assertThat(delivered).isEmpty();
            r1.forwardToIoQueue(manual);
            assertThat(r1.getIoQueue()).isSameAs(manual);
            Request r2 = next(delivered);
            assertThat(r2.length()).isEqualTo(2);
            assertThatThrownBy(() -> r1.complete(RequestStatus.SUCCESS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("waits in queue 'dev.held'");
            assertThatThrownBy(() -> r2.forwardToIoQueue(queue)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already in queue");
            Request back = manual.retrieveNextRequest();
            assertThat(back).isSameAs(r1);
            back.completeWithInformation(RequestStatus.SUCCESS, 1);
            r2.complete(RequestStatus.SUCCESS);
            assertThat(done(p1).information()).isEqualTo(1);
            assertThat(done(p2).isSuccess()).isTrue();
            assertThat(queue.statistics().completed()).isEqualTo(1);
            assertThat(manual.statistics().completed()).isEqualTo(1);
        }
    }

    @Test
    void forwardingToAnotherDevicesQueueIsRejected() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            IoQueue queue = holdingQueue(rig, delivered, IoQueueDispatchType.SEQUENTIAL);
            Device other = rig.host.addDevice("other", d -> { }, List.of());
            IoQueue foreign = other.createQueue(IoQueueConfig.builder(IoQueueDispatchType.MANUAL).build());
            PendingRequest p = queue.submitRead(1);
            Request r = next(delivered);
            assertThatThrownBy(() -> r.forwardToIoQueue(foreign)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("belongs to device 'other'");
            r.complete(RequestStatus.SUCCESS);
            assertThat(done(p).isSuccess()).isTrue();
        }
    }

    @Test
    void cancellingAQueuedRequestCompletesItWithoutCallingTheDriver() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            IoQueue queue = holdingQueue(rig, delivered, IoQueueDispatchType.SEQUENTIAL);
            PendingRequest first = queue.submitRead(1);
            PendingRequest second = queue.submitRead(1);
            Request r1 = next(delivered);
            assertThat(second.cancel()).isTrue();
            assertThat(done(second).status()).isEqualTo(RequestStatus.CANCELLED);
            r1.complete(RequestStatus.SUCCESS);
            assertThat(done(first).isSuccess()).isTrue();
            assertThat(delivered.poll(50, TimeUnit.MILLISECONDS)).isNull();
            assertThat(second.cancel()).isFalse();
            assertThat(queue.statistics().cancelled()).isEqualTo(1);
        }
    }

    @Test
    void cancellingAMarkedRequestRunsItsCancelCallbackOnTheCancellingThread() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            IoQueue queue = holdingQueue(rig, delivered, IoQueueDispatchType.SEQUENTIAL);
            PendingRequest p = queue.submitRead(1);
            Request r = next(delivered);
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            assertThat(r.markCancelable(req -> {
                ranOn.set(Thread.currentThread());
                req.complete(RequestStatus.CANCELLED);
            })).isTrue();
            assertThatThrownBy(() -> r.markCancelable(req -> { })).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already marked");
            assertThatThrownBy(() -> r.forwardToIoQueue(rig.device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.MANUAL).build())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("unmarkCancelable() first");
            assertThat(p.cancel()).isTrue();
            assertThat(ranOn.get()).isSameAs(Thread.currentThread());
            assertThat(r.isCanceled()).isTrue();
            assertThat(done(p).status()).isEqualTo(RequestStatus.CANCELLED);
            // the driver's own path finds the mark gone and must leave completion to the callback
            assertThat(r.unmarkCancelable()).isFalse();
        }
    }

    @Test
    void unmarkingBeforeCompletionKeepsTheCancelCallbackFromRunning() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            IoQueue queue = holdingQueue(rig, delivered, IoQueueDispatchType.SEQUENTIAL);
            PendingRequest p = queue.submitRead(1);
            Request r = next(delivered);
            AtomicReference<Boolean> called = new AtomicReference<>(false);
            assertThat(r.markCancelable(req -> called.set(true))).isTrue();
            assertThat(r.unmarkCancelable()).isTrue();
            assertThatThrownBy(r::unmarkCancelable).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not marked cancelable");
            assertThat(p.cancel()).isTrue(); // only marks it: the driver owns it and has no callback set
            assertThat(r.isCanceled()).isTrue();
            assertThat(called.get()).isFalse();
            r.complete(RequestStatus.CANCELLED);
            assertThat(done(p).status()).isEqualTo(RequestStatus.CANCELLED);
        }
    }

    @Test
    void markingAnAlreadyCancelledRequestReturnsFalse() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            IoQueue queue = holdingQueue(rig, delivered, IoQueueDispatchType.SEQUENTIAL);
            PendingRequest p = queue.submitRead(1);
            Request r = next(delivered);
            p.cancel();
            assertThat(r.markCancelable(req -> req.complete(RequestStatus.CANCELLED))).isFalse();
            r.complete(RequestStatus.CANCELLED);
            assertThat(done(p).status()).isEqualTo(RequestStatus.CANCELLED);
        }
    }

    @Test
    void purgeCancelsCancelableRequestsTheDriverHolds() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            IoQueue queue = holdingQueue(rig, delivered, IoQueueDispatchType.PARALLEL);
            PendingRequest held = queue.submitRead(1);
            Request r = next(delivered);
            r.markCancelable(req -> req.complete(RequestStatus.CANCELLED));
            queue.purge();
            assertThat(done(held).status()).isEqualTo(RequestStatus.CANCELLED);
        }
    }

    @Test
    void requestsCannotBeDeleted() throws Exception {
        try (Rig rig = new Rig()) {
            LinkedBlockingQueue<Request> delivered = new LinkedBlockingQueue<>();
            IoQueue queue = holdingQueue(rig, delivered, IoQueueDispatchType.SEQUENTIAL);
            queue.submitRead(1);
            Request r = next(delivered);
            assertThatThrownBy(r::delete).isInstanceOf(IllegalStateException.class).hasMessageContaining("complete it");
            r.complete(RequestStatus.SUCCESS);
        }
    }
}

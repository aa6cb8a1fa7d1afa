package io.github.irq4j.sim;

import io.github.irq4j.Device;
import io.github.irq4j.DevicePowerState;
import io.github.irq4j.Driver;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.IoQueue;
import io.github.irq4j.IoQueueConfig;
import io.github.irq4j.IoQueueDispatchType;
import io.github.irq4j.PnpPowerCallbacks;
import io.github.irq4j.Request;
import io.github.irq4j.RequestStatus;
import io.github.irq4j.WdfObject;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver a soak runs ({@link SoakRun}): two interrupts and a parallel default queue whose reads
 * it holds, cancelable, until a deferred callback completes them.
 * <ul>
 * <li>{@code soak.dpc}: a spin-lock interrupt on an edge line; the ISR (at DIRQL) queues a DPC,
 *     the DPC completes up to {@link #COMPLETIONS_PER_CALLBACK} held reads.</li>
 * <li>{@code soak.work}: a passive interrupt on an MSI vector; the ISR queues a work item, which
 *     completes held reads the same way.</li>
 * <li>{@code onRead}: a read whose length is a multiple of 7 fails at once with
 *     {@code INVALID_PARAMETER}; the others are marked cancelable and held.</li>
 * <li>Power-down ({@code onD0ExitPreInterruptsDisabled}) completes every read still held with
 *     {@code DEVICE_NOT_READY}, as a WDF driver must before its device leaves D0.</li>
 * </ul>
 * Faults on demand: {@link #arm(Site)} makes the next call at that site throw; {@link #injected()}
 * counts the throws that happened. Each held read is completed exactly once: whoever takes it off
 * {@link #held} (a deferred callback, power-down) or its cancel routine, never both, by
 * {@link Request#unmarkCancelable()}'s answer.
 */
public final class SoakDriver implements Driver, PnpPowerCallbacks {

    /** Where a fault can be injected. */
    public enum Site { ISR, DPC, WORK_ITEM, READ }

    /** Reads completed per DPC or work-item run. */
    static final int COMPLETIONS_PER_CALLBACK = 4;

    /** The message thrown by an injected fault, so the fault can be told from a real one. */
    public static final String INJECTED = "soak: injected fault";

    private final Queue<Request> held = new ConcurrentLinkedQueue<>();
    private final AtomicInteger[] armed = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    private final AtomicLong injected = new AtomicLong();
    private volatile Interrupt dpcInterrupt;
    private volatile Interrupt workInterrupt;
    private volatile IoQueue queue;

    @Override
    public void onDeviceAdd(Device device) {
        device.setPnpPowerCallbacks(this);
        dpcInterrupt = device.createInterrupt(InterruptConfig.builder(this::onDpcIsr).name("soak.dpc")
                .dpc(this::onDpc).build());
        workInterrupt = device.createInterrupt(InterruptConfig.builder(this::onWorkIsr).name("soak.work")
                .passiveHandling(true).workItem(this::onWorkItem).build());
        queue = device.createQueue(IoQueueConfig.builder(IoQueueDispatchType.PARALLEL).name("soak.reads")
                .defaultQueue(true).onRead(this::onRead).build());
    }

    /** The spin-lock interrupt (ISR at DIRQL, DPC). */
    public Interrupt dpcInterrupt() {
        return dpcInterrupt;
    }

    /** The passive interrupt (ISR at PASSIVE, work item). */
    public Interrupt workInterrupt() {
        return workInterrupt;
    }

    /** The default queue the client sends reads to. */
    public IoQueue queue() {
        return queue;
    }

    /** Makes the next call at {@code site} throw. Any thread. */
    public void arm(Site site) {
        armed[site.ordinal()].incrementAndGet();
    }

    /** Faults thrown so far. */
    public long injected() {
        return injected.get();
    }

    /** Reads held now. */
    public int heldReads() {
        return held.size();
    }

    private void maybeFault(Site site) {
        AtomicInteger a = armed[site.ordinal()];
        for (int n = a.get(); n > 0; n = a.get()) {
            if (a.compareAndSet(n, n - 1)) {
                injected.incrementAndGet();
                throw new IllegalStateException(INJECTED + " in " + site);
            }
        }
    }

    private boolean onDpcIsr(Interrupt interrupt, int messageId) {
        maybeFault(Site.ISR);
        interrupt.queueDpcForIsr();
        return true;
    }

    private boolean onWorkIsr(Interrupt interrupt, int messageId) {
        interrupt.queueWorkItemForIsr();
        return true;
    }

    private void onDpc(Interrupt interrupt, WdfObject device) {
        maybeFault(Site.DPC);
        completeHeld(COMPLETIONS_PER_CALLBACK, RequestStatus.SUCCESS);
    }

    private void onWorkItem(Interrupt interrupt, WdfObject device) {
        maybeFault(Site.WORK_ITEM);
        completeHeld(COMPLETIONS_PER_CALLBACK, RequestStatus.SUCCESS);
    }

    private void onRead(IoQueue q, Request request, long length) {
        maybeFault(Site.READ);
        if (length % 7 == 0) {
            request.complete(RequestStatus.INVALID_PARAMETER);
            return;
        }
        if (!request.markCancelable(this::onCancel)) {
            request.complete(RequestStatus.CANCELLED);   // cancelled before it could be marked
            return;
        }
        held.add(request);
    }

    /** The cancel routine: the request is the driver's to complete, unless a completer took it off {@link #held} first. */
    private void onCancel(Request request) {
        held.remove(request);
        request.complete(RequestStatus.CANCELLED);
    }

    /** Completes up to {@code max} held reads; one whose cancel routine runs is left to it. */
    private void completeHeld(int max, RequestStatus status) {
        for (int i = 0; i < max; i++) {
            Request r = held.poll();
            if (r == null) {
                return;
            }
            if (r.unmarkCancelable()) {
                r.complete(status);
            }
        }
    }

    @Override
    public void onD0ExitPreInterruptsDisabled(Device device, DevicePowerState targetState) {
        completeHeld(Integer.MAX_VALUE, RequestStatus.DEVICE_NOT_READY);
    }
}

/**
 * The irq4j API: the WDF interrupt object and what a driver builds around it, for user-mode Java.
 *
 * <p>What it is for: a driver written against this package gets WDF's interrupt model (spin-lock
 * and passive-level interrupts, ISR, DPC and work item, enable and disable, the interrupt lock and
 * its rules, the device power sequence around them) on interrupts from simulated devices or real
 * Linux sources, with the locking rules checked at run time ({@link io.github.irq4j.VerifierMode}).
 *
 * <p>Main types: {@link io.github.irq4j.Host} (devices, their power sequence, the verifier's
 * findings), {@link io.github.irq4j.Driver} (called once per device), {@link io.github.irq4j.Device},
 * {@link io.github.irq4j.Interrupt} (and {@link io.github.irq4j.InterruptConfig} to create one),
 * {@link io.github.irq4j.IoQueue} and {@link io.github.irq4j.Request}, {@link io.github.irq4j.WorkItem},
 * {@link io.github.irq4j.Irql} (the levels), {@link io.github.irq4j.Violation} and
 * {@link io.github.irq4j.Fault} (what went wrong, and where). The types are sealed interfaces
 * implemented in a package this module does not export; interrupt sources plug in through
 * {@link io.github.irq4j.spi}.
 *
 * <p>From a WDF name to its Java method, in one hop (each method's Javadoc says the level it may be
 * called at and whether it blocks):
 * <table>
 * <caption>WDF functions and callbacks, and their Java names</caption>
 * <tr><th>WDF</th><th>irq4j</th></tr>
 * <tr><td>{@code WdfInterruptCreate}, {@code WDF_INTERRUPT_CONFIG}</td><td>{@link io.github.irq4j.Device#createInterrupt Device.createInterrupt(InterruptConfig)}, {@link io.github.irq4j.InterruptConfig#builder InterruptConfig.builder(isr)}</td></tr>
 * <tr><td>{@code WdfInterruptAcquireLock}</td><td>{@link io.github.irq4j.Interrupt#acquireLock Interrupt.acquireLock()} (and {@link io.github.irq4j.Interrupt#acquireLockScope acquireLockScope()} for try-with-resources)</td></tr>
 * <tr><td>{@code WdfInterruptReleaseLock}</td><td>{@link io.github.irq4j.Interrupt#releaseLock Interrupt.releaseLock()}</td></tr>
 * <tr><td>{@code WdfInterruptTryToAcquireLock}</td><td>{@link io.github.irq4j.Interrupt#tryToAcquireLock Interrupt.tryToAcquireLock()}</td></tr>
 * <tr><td>{@code WdfInterruptSynchronize}</td><td>{@link io.github.irq4j.Interrupt#synchronize Interrupt.synchronize(InterruptSynchronize)}</td></tr>
 * <tr><td>{@code KeAcquireInterruptSpinLock} / {@code KeReleaseInterruptSpinLock}</td><td>{@link io.github.irq4j.Interrupt#acquireSpinLock Interrupt.acquireSpinLock()} / {@link io.github.irq4j.Interrupt#releaseSpinLock Interrupt.releaseSpinLock(Irql)}</td></tr>
 * <tr><td>{@code KeSynchronizeExecution}</td><td>{@link io.github.irq4j.Interrupt#synchronizeExecution Interrupt.synchronizeExecution(SynchronizeRoutine, T)}</td></tr>
 * <tr><td>{@code WdfInterruptQueueDpcForIsr}</td><td>{@link io.github.irq4j.Interrupt#queueDpcForIsr Interrupt.queueDpcForIsr()}</td></tr>
 * <tr><td>{@code WdfInterruptQueueWorkItemForIsr}</td><td>{@link io.github.irq4j.Interrupt#queueWorkItemForIsr Interrupt.queueWorkItemForIsr()}</td></tr>
 * <tr><td>{@code WdfInterruptEnable} / {@code WdfInterruptDisable}</td><td>{@link io.github.irq4j.Interrupt#enable Interrupt.enable()} / {@link io.github.irq4j.Interrupt#disable Interrupt.disable()}</td></tr>
 * <tr><td>{@code WdfInterruptGetInfo} / {@code WdfInterruptGetDevice}</td><td>{@link io.github.irq4j.Interrupt#getInfo Interrupt.getInfo()} / {@link io.github.irq4j.Interrupt#getDevice Interrupt.getDevice()}</td></tr>
 * <tr><td>{@code WdfInterruptSetPolicy} / {@code WdfInterruptSetExtendedPolicy}</td><td>{@link io.github.irq4j.Interrupt#setPolicy Interrupt.setPolicy(...)} / {@link io.github.irq4j.Interrupt#setExtendedPolicy Interrupt.setExtendedPolicy(...)}</td></tr>
 * <tr><td>{@code IWDFInterrupt} (UMDF 1)</td><td>{@link io.github.irq4j.Interrupt#asUmdf1 Interrupt.asUmdf1()}: {@link io.github.irq4j.Umdf1Interrupt} under UMDF 1's method names</td></tr>
 * <tr><td>{@code EVT_WDF_INTERRUPT_ISR} / {@code _DPC} / {@code _WORKITEM}</td><td>{@link io.github.irq4j.InterruptIsr#onIsr InterruptIsr.onIsr}, {@link io.github.irq4j.InterruptDpc#onDpc InterruptDpc.onDpc}, {@link io.github.irq4j.InterruptWorkItem#onWorkItem InterruptWorkItem.onWorkItem}</td></tr>
 * <tr><td>{@code EVT_WDF_INTERRUPT_ENABLE} / {@code _DISABLE} / {@code _SYNCHRONIZE}</td><td>{@link io.github.irq4j.InterruptEnable#onEnable InterruptEnable.onEnable}, {@link io.github.irq4j.InterruptDisable#onDisable InterruptDisable.onDisable}, {@link io.github.irq4j.InterruptSynchronize#onSynchronize InterruptSynchronize.onSynchronize}</td></tr>
 * <tr><td>{@code KeGetCurrentIrql}</td><td>{@link io.github.irq4j.Irql#current Irql.current()}</td></tr>
 * <tr><td>{@code EVT_WDF_DRIVER_DEVICE_ADD}</td><td>{@link io.github.irq4j.Driver#onDeviceAdd Driver.onDeviceAdd(Device)}; the host: {@link io.github.irq4j.Host#addDevice Host.addDevice}, {@link io.github.irq4j.Host#start Host.start}, {@link io.github.irq4j.Host#stop Host.stop}</td></tr>
 * <tr><td>{@code WdfDeviceInitSetPnpPowerEventCallbacks}, {@code WDF_PNPPOWER_EVENT_CALLBACKS}</td><td>{@link io.github.irq4j.Device#setPnpPowerCallbacks Device.setPnpPowerCallbacks}, {@link io.github.irq4j.PnpPowerCallbacks} ({@code onPrepareHardware}, {@code onD0Entry}, {@code onD0EntryPostInterruptsEnabled}, {@code onD0ExitPreInterruptsDisabled}, {@code onD0Exit}, {@code onReleaseHardware})</td></tr>
 * <tr><td>{@code WdfDeviceInitSetPowerPolicyOwnership}</td><td>{@link io.github.irq4j.Device#setPowerPolicyOwner Device.setPowerPolicyOwner(boolean)}</td></tr>
 * <tr><td>{@code WdfSpinLockCreate} / {@code WdfWaitLockCreate}</td><td>{@link io.github.irq4j.Device#createSpinLock Device.createSpinLock(String)} / {@link io.github.irq4j.Device#createWaitLock Device.createWaitLock(String)}</td></tr>
 * <tr><td>{@code WdfIoQueueCreate}, {@code WDF_IO_QUEUE_CONFIG}</td><td>{@link io.github.irq4j.Device#createQueue Device.createQueue(IoQueueConfig)}, {@link io.github.irq4j.IoQueueConfig}</td></tr>
 * <tr><td>{@code WdfDeviceGetDefaultQueue}</td><td>{@link io.github.irq4j.Device#defaultQueue Device.defaultQueue()}</td></tr>
 * <tr><td>{@code WdfIoQueueRetrieveNextRequest}</td><td>{@link io.github.irq4j.IoQueue#retrieveNextRequest IoQueue.retrieveNextRequest()}</td></tr>
 * <tr><td>{@code WdfIoQueueStart} / {@code WdfIoQueueStop} / {@code WdfIoQueuePurge}</td><td>{@link io.github.irq4j.IoQueue#start IoQueue.start()} / {@link io.github.irq4j.IoQueue#stop IoQueue.stop()} / {@link io.github.irq4j.IoQueue#purge IoQueue.purge()}</td></tr>
 * <tr><td>{@code WdfIoQueueGetDevice}</td><td>{@link io.github.irq4j.IoQueue#getDevice IoQueue.getDevice()}</td></tr>
 * <tr><td>{@code EVT_WDF_IO_QUEUE_IO_READ} / {@code _WRITE} / {@code _DEVICE_CONTROL}</td><td>{@link io.github.irq4j.IoRead#onRead IoRead.onRead}, {@link io.github.irq4j.IoWrite}, {@link io.github.irq4j.IoDeviceControl}</td></tr>
 * <tr><td>{@code WdfRequestComplete} / {@code WdfRequestCompleteWithInformation}</td><td>{@link io.github.irq4j.Request#complete Request.complete(RequestStatus)} / {@link io.github.irq4j.Request#completeWithInformation Request.completeWithInformation(RequestStatus, long)}</td></tr>
 * <tr><td>{@code WdfRequestRetrieveOutputBuffer} / {@code WdfRequestRetrieveInputBuffer}</td><td>{@link io.github.irq4j.Request#retrieveOutputBuffer Request.retrieveOutputBuffer()} / {@link io.github.irq4j.Request#retrieveInputBuffer Request.retrieveInputBuffer()}</td></tr>
 * <tr><td>{@code WdfRequestForwardToIoQueue}</td><td>{@link io.github.irq4j.Request#forwardToIoQueue Request.forwardToIoQueue(IoQueue)}</td></tr>
 * <tr><td>{@code WdfRequestMarkCancelableEx} / {@code WdfRequestUnmarkCancelable} / {@code WdfRequestIsCanceled}</td><td>{@link io.github.irq4j.Request#markCancelable Request.markCancelable(RequestCancel)} / {@link io.github.irq4j.Request#unmarkCancelable Request.unmarkCancelable()} / {@link io.github.irq4j.Request#isCanceled Request.isCanceled()}</td></tr>
 * <tr><td>{@code WdfRequestGetIoQueue}</td><td>{@link io.github.irq4j.Request#getIoQueue Request.getIoQueue()}</td></tr>
 * <tr><td>{@code EVT_WDF_REQUEST_CANCEL}</td><td>{@link io.github.irq4j.RequestCancel#onCancel RequestCancel.onCancel}</td></tr>
 * <tr><td>{@code WdfWorkItemCreate}, {@code WDF_WORKITEM_CONFIG}</td><td>{@link io.github.irq4j.Device#createWorkItem Device.createWorkItem(WorkItemConfig)}, {@link io.github.irq4j.WorkItemConfig}</td></tr>
 * <tr><td>{@code WdfWorkItemEnqueue} / {@code WdfWorkItemFlush} / {@code WdfWorkItemGetParentObject}</td><td>{@link io.github.irq4j.WorkItem#enqueue WorkItem.enqueue()} / {@link io.github.irq4j.WorkItem#flush WorkItem.flush()} / {@link io.github.irq4j.WorkItem#getParentObject WorkItem.getParentObject()}</td></tr>
 * <tr><td>{@code EVT_WDF_WORKITEM}</td><td>{@link io.github.irq4j.WorkItemCallback#onWorkItem WorkItemCallback.onWorkItem}</td></tr>
 * </table>
 */
package io.github.irq4j;

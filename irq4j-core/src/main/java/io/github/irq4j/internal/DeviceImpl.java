package io.github.irq4j.internal;

import io.github.irq4j.Device;
import io.github.irq4j.DeviceState;
import io.github.irq4j.Driver;
import io.github.irq4j.ExecutionLevel;
import io.github.irq4j.Host;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptConfigException;
import io.github.irq4j.InterruptConfigException.Reason;
import io.github.irq4j.InterruptResource;
import io.github.irq4j.IoQueue;
import io.github.irq4j.IoQueueConfig;
import io.github.irq4j.WorkItem;
import io.github.irq4j.WorkItemConfig;
import io.github.irq4j.Irql;
import io.github.irq4j.PnpPowerCallbacks;
import io.github.irq4j.Resource;
import io.github.irq4j.Rule;
import io.github.irq4j.SpinLock;
import io.github.irq4j.WaitLock;
import io.github.irq4j.WdfObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The device object: owns interrupts, locks and queues, and its life-cycle state. Power
 * transitions, interrupt creation and enable/disable run under {@link #powerLock}, at
 * {@code PASSIVE}.
 *
 * <p><b>The state machine.</b> {@link #state} has one writer, {@link #moveTo}: the host's
 * {@link PowerSequence} and {@link HostImpl} ask for each move, this class checks it against the
 * table below and makes it, under the power lock. Anyone may read the state ({@link #state()},
 * volatile) without a lock.
 * <pre>
 *   ADDING -> ADDED                      onDeviceAdd returned
 *   ADDED, STOPPED, FAILED -> PREPARING_HARDWARE -> POWERING_UP -> STARTED     start (SPEC 2.7)
 *   PREPARING_HARDWARE, POWERING_UP -> FAILED            a start step failed
 *   POWERING_UP, STARTED -> POWERING_DOWN -> STOPPED | FAILED   stop, failure, or undoing a start
 *   ADDED -> STOPPED                     stop of a device never started
 *   any -> REMOVED                       removal; final
 * </pre>
 * Invariants: the state changes only under the power lock; only STARTED accepts submitted
 * requests; REMOVED is final. A move has the I/O effects of SPEC 2.10 ({@link DeviceIo}): into
 * POWERING_DOWN, queues stop delivering and running I/O callbacks are waited for; into STOPPED or
 * FAILED, every request of the device is completed; into STARTED, queues deliver again.
 */
public final class DeviceImpl extends FrameworkObject implements Device {

    private static final PnpPowerCallbacks NO_CALLBACKS = new PnpPowerCallbacks() {
    };

    final HostImpl host;
    final Driver driver;
    private final List<Resource> resources;
    final Object powerLock = new Object();

    /** Written by {@link #moveTo} only, under the power lock. */
    private volatile DeviceState state = DeviceState.ADDING;
    volatile PnpPowerCallbacks callbacks = NO_CALLBACKS;
    private volatile ExecutionLevel executionLevel = ExecutionLevel.INHERIT_FROM_PARENT;
    private volatile boolean powerPolicyOwner = true;
    final List<InterruptImpl> interrupts = new CopyOnWriteArrayList<>();
    /** Index of the first resource {@code createInterrupt} without a resource may still take; guarded as {@link #interrupts}' writes. */
    private int firstCandidate;
    private LockCore callbackLock;
    int restarts;
    /** Guards the state of every queue and request of this device (see {@link IoQueueImpl}). */
    final Object ioLock = new Object();
    /** The queues in creation order; changed under ioLock. */
    private final List<IoQueueImpl> queues = new CopyOnWriteArrayList<>();
    /** What power transitions do to the queues and requests (SPEC 2.10). */
    final DeviceIo io = new DeviceIo(this, ioLock, queues);
    /** The default queue or null; written under ioLock. */
    private volatile IoQueueImpl defaultQueue;
    /** io: sequence numbers for generated queue and work item names. */
    private int nextQueue;
    private int nextWorkItem;

    DeviceImpl(HostImpl host, String name, Driver driver, List<Resource> resources) {
        super(name, null);
        this.host = host;
        this.driver = driver;
        this.resources = List.copyOf(resources);
    }

    // ---------------------------------------------------------------- interrupts

    @Override
    public Interrupt createInterrupt(InterruptConfig config) {
        Objects.requireNonNull(config, "config");
        ThreadState ts = ThreadState.current();
        if (ts.irql != Levels.PASSIVE && host.verifier.on) {
            host.verifier.violation(Finding.levelTooHigh(name(), "createInterrupt() on device '" + name() + "'", ts.irql,
                    "create interrupts at PASSIVE, in onDeviceAdd or onPrepareHardware"), ts.irql, Levels.PASSIVE, null);
        }
        synchronized (powerLock) {
            DeviceState s = state;
            if (s != DeviceState.ADDING && s != DeviceState.PREPARING_HARDWARE) {
                throw new IllegalStateException("device '" + name() + "' is " + s
                        + ": interrupts can be created only in onDeviceAdd (ADDING) or onPrepareHardware (PREPARING_HARDWARE)");
            }
            int index = interrupts.size();
            String name = config.name() != null ? config.name() : name() + "#" + index;
            String who = "interrupt '" + name + "' of device '" + name() + "'";
            if (config.canWakeDevice() && !powerPolicyOwner) {
                throw new InterruptConfigException(Reason.WAKE_NOT_POWER_POLICY_OWNER,
                        who + ": canWakeDevice, but the device is not its power-policy owner; call setPowerPolicyOwner(true) in onDeviceAdd or drop canWakeDevice");
            }
            FrameworkObject parent = this;
            if (config.parentObject() != null) {
                WdfObject p = config.parentObject();
                if (!(p instanceof FrameworkObject fo) || fo.isDeleted() || !belongsToThisDevice(fo)) {
                    throw new InterruptConfigException(Reason.SERIALIZATION_LEVEL_MISMATCH,
                            who + ": parent object " + p + " is not a live object of this device; use the device or one of its queues");
                }
                parent = fo;
            }
            if (config.automaticSerialization() && (config.dpc() != null || config.workItem() != null)) {
                boolean runsAsDpc = config.dpc() != null && !config.passiveHandling();
                int needed = runsAsDpc ? Levels.DISPATCH : Levels.PASSIVE;
                if (parent.callbackIrql() != needed || parent.callbackLock() == null) {
                    throw new InterruptConfigException(Reason.SERIALIZATION_LEVEL_MISMATCH,
                            who + ": automatic serialization of its " + (runsAsDpc ? "DPC" : "work item") + " needs a "
                                    + (runsAsDpc ? "DISPATCH" : "PASSIVE") + "-level parent, but '" + parent.name() + "' runs its callbacks at "
                                    + Irql.of(parent.callbackIrql()) + "; " + (runsAsDpc
                                    ? "use a work item, or setExecutionLevel(DISPATCH) on the parent"
                                    : "use a DPC, or setExecutionLevel(PASSIVE) on the parent"));
                }
            }
            InterruptResource resource = resolveResource(config, who);
            InterruptLine line = host.lines.checkLine(resource, this, who);
            LockCore lock = lockFor(config, name, resource);
            int messageNumber = resource.messageSignaled() ? resource.message() : index;
            InterruptImpl interrupt = new InterruptImpl(host, this, parent, name, config, resource, line, messageNumber, lock,
                    config.automaticSerialization() ? parent : null);
            if (!config.passiveHandling()) {
                lock.raiseSyncIrql(Levels.dirql(resource.dirqlIndex()));
            }
            host.lines.addMember(line, interrupt);
            interrupts.add(interrupt);
            return interrupt;
        }
    }

    private boolean belongsToThisDevice(FrameworkObject o) {
        for (FrameworkObject p = o; p != null; p = p.parent()) {
            if (p == this) {
                return true;
            }
        }
        return false;
    }

    private InterruptResource resolveResource(InterruptConfig config, String who) {
        Resource r = config.resource();
        if (r == null) {
            // Resources before the cursor are all used (an interrupt is never deleted alone), so
            // creating K interrupts this way is O(K), not O(K^2) (10,000 on one device hung here).
            for (int k = firstCandidate; k < resources.size(); k++) {
                if (resources.get(k) instanceof InterruptResource ir && !isUsed(ir)) {
                    firstCandidate = k;
                    return ir;
                }
            }
            throw new InterruptConfigException(Reason.RESOURCE_MISSING,
                    who + ": no unused interrupt resource left (device has " + countInterruptResources()
                            + " interrupt resources, " + interrupts.size() + " interrupts); give the device another interrupt resource");
        }
        if (!(r instanceof InterruptResource ir)) {
            throw new InterruptConfigException(Reason.RESOURCE_WRONG_KIND,
                    who + ": resource '" + r.name() + "' is a " + r.getClass().getSimpleName()
                            + ", not an InterruptResource; pass one of the device's interrupt resources");
        }
        if (isUsed(ir)) {
            throw new InterruptConfigException(Reason.RESOURCE_TAKEN,
                    who + ": resource '" + ir.name() + "' is already used by another interrupt of this device");
        }
        return ir;
    }

    /** Whether an interrupt of this device was created on {@code r}: asks {@code r}'s line, whose members are few, not every interrupt. */
    private boolean isUsed(InterruptResource r) {
        return host.lines.isUsedBy(this, r);
    }

    private int countInterruptResources() {
        int n = 0;
        for (Resource r : resources) {
            if (r instanceof InterruptResource) {
                n++;
            }
        }
        return n;
    }

    private LockCore lockFor(InterruptConfig config, String name, InterruptResource resource) {
        if (config.passiveHandling()) {
            WaitLock wl = config.waitLock();
            return wl == null ? new WaitLockCore(name) : ((WaitLockImpl) wl).core;
        }
        SpinLock sl = config.spinLock();
        return sl == null ? new SpinLockCore(name, Levels.dirql(resource.dirqlIndex())) : ((SpinLockImpl) sl).core;
    }

    @Override
    public List<Interrupt> interrupts() {
        return List.copyOf(interrupts);
    }

    @Override
    public List<Resource> resources() {
        return resources;
    }

    @Override
    public SpinLock createSpinLock(String name) {
        return new SpinLockImpl(Objects.requireNonNull(name, "name"), this);
    }

    @Override
    public WaitLock createWaitLock(String name) {
        return new WaitLockImpl(Objects.requireNonNull(name, "name"), this);
    }

    // ---------------------------------------------------------------- queues and work items

    @Override
    public IoQueue createQueue(IoQueueConfig config) {
        LockChecks.atMost(host.verifier, Levels.PASSIVE, name(), "createQueue()");
        Objects.requireNonNull(config, "config");
        synchronized (ioLock) {
            if (isDeleted()) {
                throw new IllegalStateException("createQueue() on device '" + name() + "' after it was removed");
            }
            if (config.defaultQueue() && defaultQueue != null) {
                throw new IllegalArgumentException("device '" + name() + "' already has default queue '" + defaultQueue.name()
                        + "'; create this queue with defaultQueue(false) and forward requests to it");
            }
            String name = config.name() != null ? config.name() : name() + ".queue" + nextQueue;
            nextQueue++;
            IoQueueImpl q = new IoQueueImpl(this, name, config);
            queues.add(q);
            if (config.defaultQueue()) {
                defaultQueue = q;
            }
            return q;
        }
    }

    void removeQueue(IoQueueImpl q) {
        synchronized (ioLock) {
            queues.remove(q);
            if (defaultQueue == q) {
                defaultQueue = null;
            }
        }
    }

    @Override
    public Optional<IoQueue> defaultQueue() {
        return Optional.ofNullable(defaultQueue);
    }

    @Override
    public List<IoQueue> queues() {
        return List.copyOf(queues);
    }

    @Override
    public WorkItem createWorkItem(WorkItemConfig config) {
        LockChecks.atMost(host.verifier, Levels.PASSIVE, name(), "createWorkItem()");
        Objects.requireNonNull(config, "config");
        FrameworkObject parent = this;
        if (config.parentObject() != null) {
            if (!(config.parentObject() instanceof FrameworkObject fo) || fo.isDeleted() || !belongsToThisDevice(fo)) {
                throw new IllegalArgumentException("createWorkItem on device '" + name() + "': parent " + config.parentObject()
                        + " is not a live object of this device; use the device or one of its queues");
            }
            parent = fo;
        }
        LockCore serialization = null;
        if (config.automaticSerialization()) {
            serialization = parent.callbackLock();
            if (parent.callbackIrql() != Levels.PASSIVE || serialization == null) {
                throw new IllegalArgumentException("createWorkItem on device '" + name() + "': automatic serialization needs a"
                        + " PASSIVE parent with a callback lock, but '" + parent.name() + "' runs its callbacks at "
                        + Irql.of(parent.callbackIrql()) + (serialization == null ? " without a callback lock" : "")
                        + "; call setExecutionLevel(PASSIVE) on the device (and automaticSerialization on the queue), or drop automaticSerialization");
            }
        }
        String name;
        synchronized (ioLock) {
            name = config.name() != null ? config.name() : parent.name() + ".workItem" + nextWorkItem;
            nextWorkItem++;
        }
        return new WorkItemImpl(this, parent, name, config.callback(), serialization);
    }

    // ---------------------------------------------------------------- attributes

    @Override
    public void setPnpPowerCallbacks(PnpPowerCallbacks callbacks) {
        requireAdding("setPnpPowerCallbacks()");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
    }

    @Override
    public void setExecutionLevel(ExecutionLevel level) {
        requireAdding("setExecutionLevel()");
        synchronized (powerLock) {
            this.executionLevel = Objects.requireNonNull(level, "level");
            this.callbackLock = null;
        }
    }

    @Override
    public ExecutionLevel executionLevel() {
        return executionLevel == ExecutionLevel.INHERIT_FROM_PARENT ? ExecutionLevel.DISPATCH : executionLevel;
    }

    @Override
    public void setPowerPolicyOwner(boolean owner) {
        requireAdding("setPowerPolicyOwner()");
        this.powerPolicyOwner = owner;
    }

    @Override
    public boolean isPowerPolicyOwner() {
        return powerPolicyOwner;
    }

    private void requireAdding(String call) {
        if (state != DeviceState.ADDING) {
            throw new IllegalStateException(call + " on device '" + name() + "' in state " + state
                    + ": call it in onDeviceAdd, while the device is ADDING");
        }
    }

    @Override
    int callbackIrql() {
        return executionLevel() == ExecutionLevel.PASSIVE ? Levels.PASSIVE : Levels.DISPATCH;
    }

    @Override
    LockCore callbackLock() {
        synchronized (powerLock) {
            if (callbackLock == null) {
                callbackLock = callbackIrql() == Levels.PASSIVE ? new WaitLockCore(name() + " callback lock")
                        : new SpinLockCore(name() + " callback lock", Levels.DISPATCH);
            }
            return callbackLock;
        }
    }

    @Override
    public DeviceState state() {
        return state;
    }

    /**
     * Moves the device to {@code next}, with the I/O effects of the class comment. Takes the power
     * lock (the power sequences already hold it).
     *
     * @throws IllegalStateException if the table of the class comment has no such move: a
     *         framework bug, the state is left as it was
     */
    void moveTo(DeviceState next) {
        synchronized (powerLock) {
            DeviceState from = state;
            if (!allowed(from, next)) {
                throw new IllegalStateException("device '" + name() + "': no move from " + from + " to " + next
                        + " (a framework bug: report it with the stack)");
            }
            if (next == DeviceState.POWERING_DOWN) {
                io.hold();
            }
            state = next;
            switch (next) {
                case POWERING_DOWN -> io.awaitCallbacks();
                case STOPPED, FAILED -> io.purge(next);
                case STARTED -> io.resume();
                default -> { }
            }
        }
    }

    private static boolean allowed(DeviceState from, DeviceState to) {
        return switch (to) {
            case ADDING -> false;
            case ADDED -> from == DeviceState.ADDING;
            case PREPARING_HARDWARE -> from == DeviceState.ADDED || from == DeviceState.STOPPED || from == DeviceState.FAILED;
            case POWERING_UP -> from == DeviceState.PREPARING_HARDWARE;
            case STARTED -> from == DeviceState.POWERING_UP;
            case POWERING_DOWN -> from == DeviceState.POWERING_UP || from == DeviceState.STARTED;
            case STOPPED -> from == DeviceState.POWERING_DOWN || from == DeviceState.ADDED;
            case FAILED -> from == DeviceState.PREPARING_HARDWARE || from == DeviceState.POWERING_UP
                    || from == DeviceState.POWERING_DOWN;
            case REMOVED -> from != DeviceState.REMOVED;
        };
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public void delete() {
        throw new IllegalStateException("device '" + name() + "' cannot be deleted by the driver; remove it with host.remove(device)");
    }

    @Override
    protected void onDestroy() {
        host.lines.removeMembers(new ArrayList<>(interrupts));
        moveTo(DeviceState.REMOVED);
    }
}

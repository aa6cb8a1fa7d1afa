package io.github.irq4j;

import io.github.irq4j.InterruptConfigException.Reason;
import java.util.Objects;

/**
 * The configuration of an interrupt. Mirrors {@code WDF_INTERRUPT_CONFIG} (and
 * {@code WDF_INTERRUPT_CONFIG_INIT}). Built with {@link #builder(InterruptIsr)}; immutable.
 * {@link Builder#build()} rejects what it can check alone (SPEC 2.2 rules 1, 2, 3, 6, 9 and the
 * wake rule of 4), {@link Device#createInterrupt(InterruptConfig)} the rest.
 * <pre>{@code
 * InterruptConfig config = InterruptConfig.builder(this::onIsr)
 *         .name("uart0")
 *         .passiveHandling(true)
 *         .workItem(this::onWorkItem)
 *         .build();
 * Interrupt interrupt = device.createInterrupt(config);
 * }</pre>
 */
public final class InterruptConfig {

    /** The default spin time of {@link DispatchMode#HYBRID} before blocking: 50 microseconds. */
    public static final long DEFAULT_HYBRID_SPIN_NS = 50_000L;

    private final String name;
    private final InterruptIsr isr;
    private final InterruptDpc dpc;
    private final InterruptWorkItem workItem;
    private final InterruptEnable onEnable;
    private final InterruptDisable onDisable;
    private final boolean passiveHandling;
    private final SpinLock spinLock;
    private final WaitLock waitLock;
    private final boolean automaticSerialization;
    private final WdfObject parentObject;
    private final boolean canWakeDevice;
    private final Resource resource;
    private final InterruptExtendedPolicy policy;
    private final DispatchMode dispatchMode;
    private final long hybridSpinNs;

    private InterruptConfig(Builder b) {
        this.name = b.name;
        this.isr = b.isr;
        this.dpc = b.dpc;
        this.workItem = b.workItem;
        this.onEnable = b.onEnable;
        this.onDisable = b.onDisable;
        this.passiveHandling = b.passiveHandling;
        this.spinLock = b.spinLock;
        this.waitLock = b.waitLock;
        this.automaticSerialization = b.automaticSerialization;
        this.parentObject = b.parentObject;
        this.canWakeDevice = b.canWakeDevice;
        this.resource = b.resource;
        this.policy = b.policy;
        this.dispatchMode = b.dispatchMode;
        this.hybridSpinNs = b.hybridSpinNs;
    }

    /**
     * Starts a configuration with its ISR. Mirrors {@code WDF_INTERRUPT_CONFIG_INIT}.
     *
     * @param isr the ISR; {@code null} is rejected by {@link Builder#build()} ({@code NO_ISR})
     */
    public static Builder builder(InterruptIsr isr) {
        return new Builder(isr);
    }

    /** The name used in messages; {@code null} means the device's name plus the interrupt's index. */
    public String name() { return name; }
    /** {@code EvtInterruptIsr}. */
    public InterruptIsr isr() { return isr; }
    /** {@code EvtInterruptDpc}, or {@code null}. */
    public InterruptDpc dpc() { return dpc; }
    /** {@code EvtInterruptWorkItem}, or {@code null}. */
    public InterruptWorkItem workItem() { return workItem; }
    /** {@code EvtInterruptEnable}, or {@code null}. */
    public InterruptEnable onEnable() { return onEnable; }
    /** {@code EvtInterruptDisable}, or {@code null}. */
    public InterruptDisable onDisable() { return onDisable; }
    /** {@code PassiveHandling}. */
    public boolean passiveHandling() { return passiveHandling; }
    /** {@code SpinLock}, or {@code null} for the interrupt's own. */
    public SpinLock spinLock() { return spinLock; }
    /** {@code WaitLock}, or {@code null} for the interrupt's own. */
    public WaitLock waitLock() { return waitLock; }
    /** {@code AutomaticSerialization}. */
    public boolean automaticSerialization() { return automaticSerialization; }
    /** The parent object ({@code WDF_OBJECT_ATTRIBUTES.ParentObject}), or {@code null} for the device. */
    public WdfObject parentObject() { return parentObject; }
    /** {@code CanWakeDevice}. */
    public boolean canWakeDevice() { return canWakeDevice; }
    /** {@code InterruptRaw}/{@code InterruptTranslated}, or {@code null} for the device's next interrupt resource. */
    public Resource resource() { return resource; }
    /** The initial policy. */
    public InterruptExtendedPolicy policy() { return policy; }
    /** How the dispatch thread waits for interrupts. */
    public DispatchMode dispatchMode() { return dispatchMode; }
    /** How long {@link DispatchMode#HYBRID} spins before blocking. */
    public long hybridSpinNs() { return hybridSpinNs; }

    @Override
    public String toString() {
        return "InterruptConfig{name=" + name + ", passiveHandling=" + passiveHandling
                + ", dpc=" + (dpc != null) + ", workItem=" + (workItem != null)
                + ", automaticSerialization=" + automaticSerialization + ", canWakeDevice=" + canWakeDevice
                + ", resource=" + (resource == null ? "auto" : resource.name()) + ", policy=" + policy
                + ", dispatchMode=" + dispatchMode + ", hybridSpinNs=" + hybridSpinNs + "}";
    }

    /** Builds an {@link InterruptConfig}. Not thread-safe. */
    public static final class Builder {
        private String name;
        private final InterruptIsr isr;
        private InterruptDpc dpc;
        private InterruptWorkItem workItem;
        private InterruptEnable onEnable;
        private InterruptDisable onDisable;
        private boolean passiveHandling;
        private SpinLock spinLock;
        private WaitLock waitLock;
        private boolean automaticSerialization;
        private WdfObject parentObject;
        private boolean canWakeDevice;
        private Resource resource;
        private InterruptExtendedPolicy policy = InterruptExtendedPolicy.DEFAULT;
        private DispatchMode dispatchMode = DispatchMode.BLOCKING;
        private long hybridSpinNs = DEFAULT_HYBRID_SPIN_NS;

        private Builder(InterruptIsr isr) {
            this.isr = isr;
        }

        /** The name used in messages. */
        public Builder name(String name) { this.name = name; return this; }
        /** {@code EvtInterruptDpc}. Excludes {@link #workItem}. */
        public Builder dpc(InterruptDpc dpc) { this.dpc = dpc; return this; }
        /** {@code EvtInterruptWorkItem}. Excludes {@link #dpc}. */
        public Builder workItem(InterruptWorkItem workItem) { this.workItem = workItem; return this; }
        /** {@code EvtInterruptEnable}. */
        public Builder onEnable(InterruptEnable onEnable) { this.onEnable = onEnable; return this; }
        /** {@code EvtInterruptDisable}. */
        public Builder onDisable(InterruptDisable onDisable) { this.onDisable = onDisable; return this; }
        /** {@code PassiveHandling}: a passive-level interrupt with a wait lock. */
        public Builder passiveHandling(boolean passive) { this.passiveHandling = passive; return this; }
        /** A spin lock shared with other spin-lock interrupts. */
        public Builder spinLock(SpinLock lock) { this.spinLock = lock; return this; }
        /** The wait lock of a passive interrupt. */
        public Builder waitLock(WaitLock lock) { this.waitLock = lock; return this; }
        /** Run the DPC or work item holding the parent's callback lock. */
        public Builder automaticSerialization(boolean on) { this.automaticSerialization = on; return this; }
        /** The parent whose callback lock serializes the deferred callback; needs automatic serialization. */
        public Builder parentObject(WdfObject parent) { this.parentObject = parent; return this; }
        /** {@code CanWakeDevice}: needs a passive interrupt and a power-policy-owning device. */
        public Builder canWakeDevice(boolean canWake) { this.canWakeDevice = canWake; return this; }
        /** The interrupt resource; without one the device's next unused interrupt resource is taken. */
        public Builder resource(Resource resource) { this.resource = resource; return this; }
        /** The initial policy, as {@link Interrupt#setPolicy} would set it. */
        public Builder policy(InterruptPolicy policy, InterruptPriority priority, long targetProcessorSet) {
            this.policy = policy == null || priority == null ? null
                    : new InterruptExtendedPolicy(policy, priority, targetProcessorSet, 0);
            return this;
        }
        /** The initial extended policy. */
        public Builder extendedPolicy(InterruptExtendedPolicy policy) { this.policy = policy; return this; }
        /** How the dispatch thread waits (SPEC 3). */
        public Builder dispatchMode(DispatchMode mode) { this.dispatchMode = Objects.requireNonNull(mode, "dispatchMode"); return this; }
        /** How long {@link DispatchMode#HYBRID} spins before blocking, in nanoseconds, 0 to 1 s. */
        public Builder hybridSpinNs(long ns) { this.hybridSpinNs = ns; return this; }

        /**
         * Checks the configuration and builds it.
         *
         * @throws InterruptConfigException with reason {@code NO_ISR}, {@code DPC_AND_WORK_ITEM},
         *         {@code LOCK_KIND_MISMATCH}, {@code WAKE_NOT_PASSIVE}, {@code PARENT_WITHOUT_SERIALIZATION}
         *         or {@code POLICY_OUT_OF_RANGE}
         */
        public InterruptConfig build() {
            String who = name == null ? "interrupt" : "interrupt '" + name + "'";
            if (isr == null) {
                throw new InterruptConfigException(Reason.NO_ISR,
                        who + ": no ISR callback (expected: InterruptConfig.builder(isr) with a non-null isr)");
            }
            if (dpc != null && workItem != null) {
                throw new InterruptConfigException(Reason.DPC_AND_WORK_ITEM,
                        who + ": both a DPC and a work-item callback are set; set one of dpc(...) or workItem(...)");
            }
            if (!passiveHandling && waitLock != null) {
                throw new InterruptConfigException(Reason.LOCK_KIND_MISMATCH,
                        who + ": a spin-lock interrupt was given a wait lock; use spinLock(...), or passiveHandling(true) for a wait lock");
            }
            if (passiveHandling && spinLock != null) {
                throw new InterruptConfigException(Reason.LOCK_KIND_MISMATCH,
                        who + ": a passive interrupt was given a spin lock; use waitLock(...), or passiveHandling(false) for a spin lock");
            }
            if (canWakeDevice && !passiveHandling) {
                throw new InterruptConfigException(Reason.WAKE_NOT_PASSIVE,
                        who + ": canWakeDevice needs a passive interrupt; set passiveHandling(true)");
            }
            if (parentObject != null && !automaticSerialization) {
                throw new InterruptConfigException(Reason.PARENT_WITHOUT_SERIALIZATION,
                        who + ": a parent object is set but automatic serialization is off; set automaticSerialization(true) or drop the parent");
            }
            FrameworkAccess.get().checkPolicy(who, policy);
            if (hybridSpinNs < 0 || hybridSpinNs > 1_000_000_000L) {
                throw new InterruptConfigException(Reason.POLICY_OUT_OF_RANGE,
                        who + ": hybridSpinNs " + hybridSpinNs + " (expected: 0 <= hybridSpinNs <= 1000000000)");
            }
            return new InterruptConfig(this);
        }
    }
}

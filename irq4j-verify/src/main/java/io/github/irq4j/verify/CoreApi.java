package io.github.irq4j.verify;

import io.github.irq4j.AcquiresInterruptLock;
import io.github.irq4j.Device;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptLockScope;
import io.github.irq4j.Irql;
import io.github.irq4j.ReleasesInterruptLock;
import io.github.irq4j.Umdf1Interrupt;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.objectweb.asm.Type;

/**
 * The names of irq4j-core's types and methods as the bytecode spells them. Types come from class
 * literals and each method name sits next to a method reference to that method, so renaming an
 * API type or method fails this module's compilation instead of silently blinding the verifier
 * ({@code CoreApiTest} checks that each name is the referenced method's).
 */
final class CoreApi {
    static final String INTERRUPT = Type.getInternalName(Interrupt.class);
    static final String UMDF1 = Type.getInternalName(Umdf1Interrupt.class);
    static final String SCOPE = Type.getInternalName(InterruptLockScope.class);
    static final String IRQL = Type.getInternalName(Irql.class);
    static final String IRQL_DESC = Type.getDescriptor(Irql.class);
    static final String CONFIG = Type.getInternalName(InterruptConfig.class);
    static final String BUILDER = Type.getInternalName(InterruptConfig.Builder.class);
    static final String LOCK = Type.getInternalName(Lock.class);
    static final String CONDITION = Type.getInternalName(Condition.class);
    static final String ACQUIRES_INTERRUPT_LOCK = Type.getDescriptor(AcquiresInterruptLock.class);
    static final String RELEASES_INTERRUPT_LOCK = Type.getDescriptor(ReleasesInterruptLock.class);

    static final String ACQUIRE_LOCK = named("acquireLock", (Consumer<Interrupt>) Interrupt::acquireLock);
    static final String RELEASE_LOCK = named("releaseLock", (Consumer<Interrupt>) Interrupt::releaseLock);
    static final String TRY_TO_ACQUIRE_LOCK = named("tryToAcquireLock", (Predicate<Interrupt>) Interrupt::tryToAcquireLock);
    static final String ACQUIRE_LOCK_SCOPE = named("acquireLockScope",
            (Function<Interrupt, InterruptLockScope>) Interrupt::acquireLockScope);
    static final String ACQUIRE_SPIN_LOCK = named("acquireSpinLock", (Function<Interrupt, Irql>) Interrupt::acquireSpinLock);
    static final String RELEASE_SPIN_LOCK = named("releaseSpinLock", (BiConsumer<Interrupt, Irql>) Interrupt::releaseSpinLock);
    static final String SYNCHRONIZE = named("synchronize", (BiConsumer<Interrupt, io.github.irq4j.InterruptSynchronize>) Interrupt::synchronize);
    static final String SYNCHRONIZE_EXECUTION = named("synchronizeExecution",
            (BiConsumer<Interrupt, io.github.irq4j.SynchronizeRoutine<Object>>) (i, r) -> i.synchronizeExecution(r, null));
    static final String AS_UMDF1 = named("asUmdf1", (Function<Interrupt, Umdf1Interrupt>) Interrupt::asUmdf1);
    static final String UMDF1_INTERRUPT = named("interrupt", (Function<Umdf1Interrupt, Interrupt>) Umdf1Interrupt::interrupt);
    static final String ACQUIRE_INTERRUPT_LOCK = named("acquireInterruptLock",
            (Consumer<Umdf1Interrupt>) Umdf1Interrupt::acquireInterruptLock);
    static final String RELEASE_INTERRUPT_LOCK = named("releaseInterruptLock",
            (Consumer<Umdf1Interrupt>) Umdf1Interrupt::releaseInterruptLock);
    static final String TRY_TO_ACQUIRE_INTERRUPT_LOCK = named("tryToAcquireInterruptLock",
            (Predicate<Umdf1Interrupt>) Umdf1Interrupt::tryToAcquireInterruptLock);
    static final String SCOPE_CLOSE = named("close", (Consumer<InterruptLockScope>) InterruptLockScope::close);
    static final String CONFIG_BUILDER = named("builder",
            (Function<io.github.irq4j.InterruptIsr, InterruptConfig.Builder>) InterruptConfig::builder);
    static final String PASSIVE_HANDLING = named("passiveHandling",
            (BiConsumer<InterruptConfig.Builder, Boolean>) InterruptConfig.Builder::passiveHandling);
    static final String BUILD = named("build", (Function<InterruptConfig.Builder, InterruptConfig>) InterruptConfig.Builder::build);
    static final String CREATE_INTERRUPT = named("createInterrupt",
            (BiConsumer<Device, InterruptConfig>) Device::createInterrupt);

    private CoreApi() {
    }

    /** {@code name}, kept beside a reference to the method so that a rename breaks the build. */
    private static String named(String name, Object methodReference) {
        return name;
    }
}

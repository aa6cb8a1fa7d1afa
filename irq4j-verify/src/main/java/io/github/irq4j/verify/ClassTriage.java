package io.github.irq4j.verify;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;

/**
 * What a class file's constant pool says before its code is parsed: which classes it refers to,
 * and whether it names a lock method or an irq4j type itself. Only classes that do, or that refer
 * (transitively) call a method of such a class, can have a lock effect; the others are read without their code,
 * which is most of a large jar and most of the time the verifier spends.
 *
 * @param references the internal names of the classes whose methods it calls
 * @param seed whether it calls a method named like a lock operation or refers to an irq4j type
 */
record ClassTriage(Set<String> references, boolean seed) {

    private static final int CLASS = 7;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;

    /** Member names that make a class worth analysing: Lock's and irq4j's lock operations. */
    private static final Set<String> LOCK_NAMES = Set.of("lock", "unlock", "tryLock", "lockInterruptibly",
            CoreApi.ACQUIRE_LOCK, CoreApi.RELEASE_LOCK, CoreApi.TRY_TO_ACQUIRE_LOCK, CoreApi.ACQUIRE_LOCK_SCOPE,
            CoreApi.ACQUIRE_SPIN_LOCK, CoreApi.RELEASE_SPIN_LOCK, CoreApi.SYNCHRONIZE, CoreApi.SYNCHRONIZE_EXECUTION,
            CoreApi.ACQUIRE_INTERRUPT_LOCK, CoreApi.RELEASE_INTERRUPT_LOCK, CoreApi.TRY_TO_ACQUIRE_INTERRUPT_LOCK);
    private static final String IRQ4J = CoreApi.INTERRUPT.substring(0, CoreApi.INTERRUPT.lastIndexOf('/') + 1);

    static ClassTriage of(ClassReader reader, byte[] bytes) {
        Set<String> refs = new HashSet<>();
        boolean seed = false;
        char[] buf = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0) {
                continue;
            }
            int tag = bytes[offset - 1];
            if (tag == CLASS) {
                seed |= reader.readUTF8(offset, buf).startsWith(IRQ4J);
            } else if (tag == METHODREF || tag == INTERFACE_METHODREF) {
                refs.add(reader.readClass(offset, buf)); // summaries are looked up by the call's owner
            } else if (tag == NAME_AND_TYPE) {
                seed |= LOCK_NAMES.contains(reader.readUTF8(offset, buf));
            } else if (tag == LONG || tag == DOUBLE) {
                i++;
            }
        }
        return new ClassTriage(Set.copyOf(refs), seed);
    }
}

package io.github.irq4j.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * What the verifier knows about the whole input before it analyses any method: the classes and
 * their supertypes, the methods annotated {@code @AcquiresInterruptLock} /
 * {@code @ReleasesInterruptLock}, the I/O queue callbacks, and the kind (passive or spin-lock) of
 * the interrupts each class nest creates.
 */
final class ClassIndex {

    static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    /**
     * The names of I/O queue callback methods, after KMDF's {@code EvtIoRead}, {@code EvtIoWrite},
     * {@code EvtIoDeviceControl}, {@code EvtIoInternalDeviceControl}, {@code EvtIoDefault},
     * {@code EvtIoStop}, {@code EvtIoResume} and {@code EvtIoCanceledOnQueue}, in the irq4j
     * spellings ({@code onRead}, {@code onIoRead}) and the WDF one ({@code evtIoRead}).
     */
    static final Set<String> IO_CALLBACK_NAMES;

    static {
        Set<String> names = new HashSet<>();
        for (String event : List.of("Read", "Write", "DeviceControl", "InternalDeviceControl", "Default",
                "Stop", "Resume", "CanceledOnQueue")) {
            names.add("on" + event);
            names.add("onIo" + event);
            names.add("evtIo" + event);
        }
        IO_CALLBACK_NAMES = Set.copyOf(names);
    }

    /** The interrupt kind a class nest creates. */
    enum Kind { PASSIVE, SPIN, MIXED }

    private final Map<String, ClassNode> classes = new HashMap<>();
    private final Map<String, Boolean> lockTypes = new HashMap<>();
    private final Map<String, Boolean> ioInterfaces = new HashMap<>();
    /** owner.name+desc of methods that lambdas or method references make I/O callbacks. */
    private final Set<String> lambdaIoCallbacks = new HashSet<>();
    /** nest (top-level class name) -> field name -> kind of the interrupt stored in it. */
    private final Map<String, Map<String, Kind>> fieldKinds = new HashMap<>();
    /** nest -> the kind of every config built in it (MIXED if both occur). */
    private final Map<String, Kind> nestKinds = new HashMap<>();
    private final ClassLoader loader;
    /** owner -> name -> desc -> method: nested, so that a lookup concatenates no strings. */
    private final Map<String, Map<String, Map<String, MethodNode>>> methodsByClass = new HashMap<>();
    /** Every method some input method calls. */
    private final Set<MethodRef> calledMethods = new HashSet<>();

    /** A method by owner, name and descriptor (the strings hash once, a concatenation every time). */
    private record MethodRef(String owner, String name, String desc) {
    }

    ClassIndex(List<ClassNode> input, ClassLoader loader) {
        this.loader = loader;
        for (ClassNode c : input) {
            classes.putIfAbsent(c.name, c);
        }
        for (ClassNode c : input) {
            for (MethodNode m : c.methods) {
                scanMethod(c, m);
            }
        }
    }

    /** Whether some input method calls {@code owner.name desc}. */
    boolean isCalled(String owner, String name, String desc) {
        return calledMethods.contains(new MethodRef(owner, name, desc));
    }

    ClassNode get(String internalName) {
        return classes.get(internalName);
    }

    /** Whether {@code owner} is {@code java.util.concurrent.locks.Lock} or implements it. */
    boolean isLock(String owner) {
        return lockTypes.computeIfAbsent(owner, o -> isSubtype(o, CoreApi.LOCK, 0));
    }

    private boolean isSubtype(String name, String target, int depth) {
        if (name.equals(target)) {
            return true;
        }
        if (depth > 40) {
            return false;
        }
        ClassNode c = classes.get(name);
        if (c != null) {
            if (c.superName != null && isSubtype(c.superName, target, depth + 1)) {
                return true;
            }
            for (String i : c.interfaces) {
                if (isSubtype(i, target, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        try {
            Class<?> cls = Class.forName(name.replace('/', '.'), false, loader);
            Class<?> t = Class.forName(target.replace('/', '.'), false, loader);
            return t.isAssignableFrom(cls);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Whether a method is an I/O queue callback, which runs in an arbitrary thread: either the
     * target of a lambda or method reference converted to irq4j's {@code IoRead}, {@code IoWrite}
     * or {@code IoDeviceControl}, or to an interface whose simple name starts with {@code IoQueue}
     * or {@code EvtIo}, or a method named as in {@link #IO_CALLBACK_NAMES} in
     * a class that implements such an interface.
     */
    boolean isIoCallback(ClassNode owner, MethodNode m) {
        if (lambdaIoCallbacks.contains(owner.name + "." + m.name + m.desc)) {
            return true;
        }
        return IO_CALLBACK_NAMES.contains(m.name) && implementsIoInterface(owner.name, 0);
    }

    private boolean implementsIoInterface(String name, int depth) {
        Boolean known = ioInterfaces.get(name);
        if (known != null) {
            return known;
        }
        boolean result = false;
        ClassNode c = classes.get(name);
        if (c != null && depth < 40) {
            for (String i : c.interfaces) {
                if (isIoInterfaceName(i) || implementsIoInterface(i, depth + 1)) {
                    result = true;
                    break;
                }
            }
            if (!result && c.superName != null) {
                result = implementsIoInterface(c.superName, depth + 1);
            }
        } else if (c == null) {
            result = loadedImplementsIo(name);
        }
        ioInterfaces.put(name, result);
        return result;
    }

    private boolean loadedImplementsIo(String name) {
        try {
            Class<?> cls = Class.forName(name.replace('/', '.'), false, loader);
            List<Class<?>> todo = new ArrayList<>(List.of(cls));
            while (!todo.isEmpty()) {
                Class<?> k = todo.removeLast();
                if (k.isInterface() && isIoInterfaceName(k.getName().replace('.', '/'))) {
                    return true;
                }
                todo.addAll(List.of(k.getInterfaces()));
                if (k.getSuperclass() != null) {
                    todo.add(k.getSuperclass());
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return false;
    }

    /** irq4j's own I/O queue callback interfaces (EvtIoRead, EvtIoWrite, EvtIoDeviceControl). */
    private static final Set<String> IRQ4J_IO_CALLBACKS =
            Set.of(org.objectweb.asm.Type.getInternalName(io.github.irq4j.IoRead.class),
                    org.objectweb.asm.Type.getInternalName(io.github.irq4j.IoWrite.class),
                    org.objectweb.asm.Type.getInternalName(io.github.irq4j.IoDeviceControl.class));

    static boolean isIoInterfaceName(String internalName) {
        if (IRQ4J_IO_CALLBACKS.contains(internalName)) {
            return true;
        }
        String simple = internalName.substring(internalName.lastIndexOf('/') + 1);
        simple = simple.substring(simple.lastIndexOf('$') + 1);
        return simple.startsWith("IoQueue") || simple.startsWith("EvtIo");
    }

    /**
     * Whether a field of an input class may have its value tracked along a path: {@code TRUE} if
     * final, {@code FALSE} if plain, {@code null} if volatile or not in the input (another thread
     * or a class the verifier cannot see may change it).
     */
    Boolean fieldStability(String owner, String name) {
        for (String c = owner; c != null; ) {
            ClassNode node = classes.get(c);
            if (node == null) {
                return null;
            }
            for (org.objectweb.asm.tree.FieldNode f : node.fields) {
                if (f.name.equals(name)) {
                    if ((f.access & Opcodes.ACC_VOLATILE) != 0) {
                        return null;
                    }
                    return (f.access & Opcodes.ACC_FINAL) != 0;
                }
            }
            c = node.superName;
        }
        return null;
    }

    /** The method {@code owner.name desc} if it is in the input, else {@code null}. */
    MethodNode method(String owner, String name, String desc) {
        ClassNode c = classes.get(owner);
        if (c == null) {
            return null;
        }
        Map<String, Map<String, MethodNode>> byName = methodsByClass.get(owner);
        if (byName == null) {
            byName = new HashMap<>();
            for (MethodNode mn : c.methods) {
                byName.computeIfAbsent(mn.name, n -> new HashMap<>(2)).putIfAbsent(mn.desc, mn);
            }
            methodsByClass.put(owner, byName);
        }
        Map<String, MethodNode> byDesc = byName.get(name);
        return byDesc == null ? null : byDesc.get(desc);
    }

    /**
     * The kind of the interrupt read from {@code lockKey}'s last field, when the class nest of
     * {@code owner} builds its configs with {@code passiveHandling(..)}: the field's own kind if the
     * config, {@code createInterrupt} and the field store appear together, else the nest's kind if
     * all of its configs agree.
     *
     * @return the kind, or {@code null} if not known
     */
    Kind interruptKind(String owner, LockKey path) {
        String nest = nestOf(owner);
        Map<String, Kind> fields = fieldKinds.get(nest);
        if (fields != null && path instanceof LockKey.Field f) {
            Kind k = fields.get(f.name());
            if (k != null) {
                return k;
            }
        }
        Kind k = nestKinds.get(nest);
        return k == Kind.MIXED ? null : k;
    }

    static String nestOf(String internalName) {
        int dollar = internalName.indexOf('$', internalName.lastIndexOf('/') + 1);
        return dollar < 0 ? internalName : internalName.substring(0, dollar);
    }

    private void scanMethod(ClassNode c, MethodNode m) {
        String nest = nestOf(c.name);
        Kind chain = null;        // kind of the builder chain being built, if any
        Kind lastConfig = null;   // kind of the last config built
        Kind lastInterrupt = null; // kind of the last createInterrupt result
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof InvokeDynamicInsnNode indy) {
                noteLambda(indy);
            } else if (insn instanceof MethodInsnNode call) {
                calledMethods.add(new MethodRef(call.owner, call.name, call.desc));
                if (call.owner.equals(CoreApi.CONFIG) && call.name.equals(CoreApi.CONFIG_BUILDER)) {
                    chain = Kind.SPIN;
                } else if (call.owner.equals(CoreApi.BUILDER) && call.name.equals(CoreApi.PASSIVE_HANDLING)) {
                    AbstractInsnNode arg = previousReal(insn);
                    int op = arg == null ? -1 : arg.getOpcode();
                    chain = op == Opcodes.ICONST_1 ? Kind.PASSIVE : op == Opcodes.ICONST_0 ? Kind.SPIN : Kind.MIXED;
                } else if (call.owner.equals(CoreApi.BUILDER) && call.name.equals(CoreApi.BUILD)) {
                    lastConfig = chain == null ? Kind.MIXED : chain;
                    nestKinds.merge(nest, lastConfig, (a, b) -> a == b ? a : Kind.MIXED);
                    chain = null;
                } else if (call.name.equals(CoreApi.CREATE_INTERRUPT)
                        && Type.getReturnType(call.desc).getInternalName().equals(CoreApi.INTERRUPT)) {
                    lastInterrupt = lastConfig;
                    String field = storedField(insn);
                    if (field != null && lastInterrupt != null) {
                        fieldKinds.computeIfAbsent(nest, n -> new HashMap<>())
                                .merge(field, lastInterrupt, (a, b) -> a == b ? a : Kind.MIXED);
                    }
                }
            }
        }
    }

    /** The field the value just returned is stored into, directly or through one local. */
    private static String storedField(AbstractInsnNode call) {
        AbstractInsnNode next = nextReal(call);
        if (next instanceof FieldInsnNode f && (f.getOpcode() == Opcodes.PUTFIELD || f.getOpcode() == Opcodes.PUTSTATIC)) {
            return f.name;
        }
        if (next instanceof VarInsnNode store && store.getOpcode() == Opcodes.ASTORE) {
            for (AbstractInsnNode i = nextReal(next); i != null; i = nextReal(i)) {
                if (i instanceof VarInsnNode load && load.getOpcode() == Opcodes.ALOAD && load.var == store.var) {
                    AbstractInsnNode after = nextReal(i);
                    if (after instanceof FieldInsnNode f && (f.getOpcode() == Opcodes.PUTFIELD || f.getOpcode() == Opcodes.PUTSTATIC)) {
                        return f.name;
                    }
                }
            }
        }
        return null;
    }

    private void noteLambda(InvokeDynamicInsnNode indy) {
        if (!indy.bsm.getOwner().equals(LAMBDA_METAFACTORY) || indy.bsmArgs.length < 2
                || !(indy.bsmArgs[1] instanceof Handle impl)) {
            return;
        }
        Type made = Type.getReturnType(indy.desc);
        if (made.getSort() == Type.OBJECT && isIoInterfaceName(made.getInternalName())) {
            lambdaIoCallbacks.add(impl.getOwner() + "." + impl.getName() + impl.getDesc());
        }
    }

    static AbstractInsnNode previousReal(AbstractInsnNode insn) {
        AbstractInsnNode i = insn.getPrevious();
        while (i != null && i.getOpcode() < 0) {
            i = i.getPrevious();
        }
        return i;
    }

    static AbstractInsnNode nextReal(AbstractInsnNode insn) {
        AbstractInsnNode i = insn.getNext();
        while (i != null && i.getOpcode() < 0) {
            i = i.getNext();
        }
        return i;
    }
}

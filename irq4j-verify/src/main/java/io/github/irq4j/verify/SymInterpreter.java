package io.github.irq4j.verify;

import java.util.List;
import java.util.function.IntFunction;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * The stack effects of each instruction on {@link Sym} values, driven by ASM's
 * {@link org.objectweb.asm.tree.analysis.Frame#execute}. It follows references (fields, getters,
 * array elements, locals, parameters), levels, and int constants and int-valued fields and calls;
 * everything else becomes {@link Sym.Unknown}. Lock effects are not applied here but by
 * {@link LockRules}, which sees the receiver before the call.
 */
final class SymInterpreter extends Interpreter<Sym> {

    private final InsnList insns;
    /** How the index of the array load at an instruction index is written ({@code i}, {@code 0}, {@code ?}). */
    private final IntFunction<String> indexName;

    SymInterpreter(InsnList insns, IntFunction<String> indexName) {
        super(Opcodes.ASM9);
        this.insns = insns;
        this.indexName = indexName;
    }

    static Sym sized(Type type) {
        if (type == null) {
            return Sym.Unknown.ONE;
        }
        return switch (type.getSort()) {
            case Type.VOID -> null;
            case Type.LONG, Type.DOUBLE -> Sym.Unknown.TWO;
            default -> Sym.Unknown.ONE;
        };
    }

    static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    static boolean isIntLike(Type type) {
        int s = type.getSort();
        return s == Type.BOOLEAN || s == Type.INT || s == Type.BYTE || s == Type.SHORT || s == Type.CHAR;
    }

    @Override
    public Sym newValue(Type type) {
        return sized(type);
    }

    @Override
    public Sym newOperation(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) {
            return new Sym.IntConst(op - Opcodes.ICONST_0);
        }
        switch (op) {
            case Opcodes.ACONST_NULL:
                return Sym.Null.INSTANCE;
            case Opcodes.BIPUSH, Opcodes.SIPUSH:
                return new Sym.IntConst(((IntInsnNode) insn).operand);
            case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1:
                return Sym.Unknown.TWO;
            case Opcodes.LDC: {
                Object cst = ((LdcInsnNode) insn).cst;
                if (cst instanceof Integer i) {
                    return new Sym.IntConst(i);
                }
                return cst instanceof Long || cst instanceof Double ? Sym.Unknown.TWO : Sym.Unknown.ONE;
            }
            case Opcodes.GETSTATIC: {
                FieldInsnNode f = (FieldInsnNode) insn;
                Type t = Type.getType(f.desc);
                if (f.owner.equals(CoreApi.IRQL) && f.desc.equals(CoreApi.IRQL_DESC)) {
                    return new Sym.LevelConstant("Irql." + f.name);
                }
                return isReference(t) ? new Sym.Ref(new LockKey.Static(f.owner, f.name), false) : sized(t);
            }
            case Opcodes.NEW:
                return new Sym.Ref(new LockKey.Site(LockKey.SiteKind.NEW, insns.indexOf(insn)), true);
            default:
                return Sym.Unknown.ONE;
        }
    }

    @Override
    public Sym copyOperation(AbstractInsnNode insn, Sym value) {
        return value;
    }

    @Override
    public Sym unaryOperation(AbstractInsnNode insn, Sym value) {
        switch (insn.getOpcode()) {
            case Opcodes.GETFIELD: {
                FieldInsnNode f = (FieldInsnNode) insn;
                Type t = Type.getType(f.desc);
                if (value instanceof Sym.Ref r) {
                    LockKey path = LockKey.field(r.path(), f.name);
                    if (isReference(t)) {
                        return new Sym.Ref(path, false);
                    }
                    if (isIntLike(t)) {
                        return new Sym.Opaque(path, t.getSort() == Type.BOOLEAN);
                    }
                    return sized(t);
                }
                return isReference(t) ? new Sym.Ref(new LockKey.Site(LockKey.SiteKind.FIELD, insns.indexOf(insn)), false) : sized(t);
            }
            case Opcodes.CHECKCAST:
                return value;
            case Opcodes.I2L, Opcodes.I2D, Opcodes.L2D, Opcodes.F2L, Opcodes.F2D, Opcodes.D2L,
                    Opcodes.LNEG, Opcodes.DNEG:
                return Sym.Unknown.TWO;
            case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE,
                    Opcodes.TABLESWITCH, Opcodes.LOOKUPSWITCH, Opcodes.IRETURN, Opcodes.LRETURN,
                    Opcodes.FRETURN, Opcodes.DRETURN, Opcodes.ARETURN, Opcodes.PUTSTATIC, Opcodes.ATHROW,
                    Opcodes.MONITORENTER, Opcodes.MONITOREXIT, Opcodes.IFNULL, Opcodes.IFNONNULL:
                return null;
            default:
                return Sym.Unknown.ONE;
        }
    }

    @Override
    public Sym binaryOperation(AbstractInsnNode insn, Sym value1, Sym value2) {
        switch (insn.getOpcode()) {
            case Opcodes.LALOAD, Opcodes.DALOAD, Opcodes.LADD, Opcodes.DADD, Opcodes.LSUB, Opcodes.DSUB,
                    Opcodes.LMUL, Opcodes.DMUL, Opcodes.LDIV, Opcodes.DDIV, Opcodes.LREM, Opcodes.DREM,
                    Opcodes.LSHL, Opcodes.LSHR, Opcodes.LUSHR, Opcodes.LAND, Opcodes.LOR, Opcodes.LXOR:
                return Sym.Unknown.TWO;
            case Opcodes.AALOAD:
                return value1 instanceof Sym.Ref r
                        ? new Sym.Ref(LockKey.element(r.path(), indexName.apply(insns.indexOf(insn))), false) : Sym.Unknown.ONE;
            case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT, Opcodes.IF_ICMPGE,
                    Opcodes.IF_ICMPGT, Opcodes.IF_ICMPLE, Opcodes.IF_ACMPEQ, Opcodes.IF_ACMPNE,
                    Opcodes.PUTFIELD:
                return null;
            default:
                return Sym.Unknown.ONE;
        }
    }

    @Override
    public Sym ternaryOperation(AbstractInsnNode insn, Sym value1, Sym value2, Sym value3) {
        return null;
    }

    @Override
    public Sym naryOperation(AbstractInsnNode insn, List<? extends Sym> values) {
        int at = insns.indexOf(insn);
        if (insn.getOpcode() == Opcodes.MULTIANEWARRAY) {
            return new Sym.Ref(new LockKey.Site(LockKey.SiteKind.NEW, at), true);
        }
        if (insn.getOpcode() == Opcodes.INVOKEDYNAMIC) {
            Type ret = Type.getReturnType(((InvokeDynamicInsnNode) insn).desc);
            return isReference(ret) ? new Sym.Ref(new LockKey.Site(LockKey.SiteKind.INDY, at), true) : sized(ret);
        }
        MethodInsnNode m = (MethodInsnNode) insn;
        Type ret = Type.getReturnType(m.desc);
        if (!isReference(ret)) {
            if (ret.getSort() == Type.BOOLEAN) {
                return new Sym.Opaque(new LockKey.Site(LockKey.SiteKind.CALL, at), true);
            }
            return sized(ret);
        }
        if (m.owner.equals(CoreApi.IRQL) && ret.getInternalName().equals(CoreApi.IRQL) && m.getOpcode() == Opcodes.INVOKESTATIC) {
            return new Sym.LevelConstant("Irql." + m.name + "(..)");
        }
        if (isSyntheticAccessor(m) && values.get(0) instanceof Sym.Ref r) {
            // Before Java 11 nestmates, an inner class reads its outer class's private field
            // through a static access$NNN(outer); the same field always goes through the same one.
            return new Sym.Ref(LockKey.getter(r.path(), m.name), false);
        }
        boolean instance = m.getOpcode() != Opcodes.INVOKESTATIC;
        if (instance && values.size() == 1 && values.get(0) instanceof Sym.Ref r) {
            // A getter on a followed reference: rw.writeLock(), interrupt.asUmdf1().
            return new Sym.Ref(LockKey.getter(r.path(), m.name), false);
        }
        return new Sym.Ref(new LockKey.Site(LockKey.SiteKind.CALL, at), false);
    }

    /** A javac accessor {@code static access$NNN(Outer)} that reads a private field. */
    static boolean isSyntheticAccessor(MethodInsnNode m) {
        return m.getOpcode() == Opcodes.INVOKESTATIC && m.name.startsWith("access$")
                && Type.getArgumentTypes(m.desc).length == 1;
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, Sym value, Sym expected) {
        // Exits are handled by the explorer before the frame executes them.
    }

    @Override
    public Sym merge(Sym value1, Sym value2) {
        // Never called: states are not merged, each path is followed on its own.
        return value1;
    }
}

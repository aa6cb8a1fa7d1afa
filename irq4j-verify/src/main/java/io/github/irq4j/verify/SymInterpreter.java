package io.github.irq4j.verify;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * The stack effects of each instruction on {@link Sym} values, driven by ASM's
 * {@link org.objectweb.asm.tree.analysis.Frame#execute}. It follows references (fields, getters,
 * locals, parameters) and levels; everything else becomes {@link Sym.Unknown}. Lock effects are
 * not applied here but by {@link MethodAnalyzer}, which sees the receiver before the call.
 */
final class SymInterpreter extends Interpreter<Sym> {

    static final String IRQL = "io/github/irq4j/Irql";

    private final InsnList insns;

    SymInterpreter(InsnList insns) {
        super(Opcodes.ASM9);
        this.insns = insns;
    }

    private static Sym sized(Type type) {
        if (type == null) {
            return Sym.Unknown.ONE;
        }
        return switch (type.getSort()) {
            case Type.VOID -> null;
            case Type.LONG, Type.DOUBLE -> Sym.Unknown.TWO;
            default -> Sym.Unknown.ONE;
        };
    }

    private static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    @Override
    public Sym newValue(Type type) {
        return sized(type);
    }

    @Override
    public Sym newOperation(AbstractInsnNode insn) {
        switch (insn.getOpcode()) {
            case Opcodes.ACONST_NULL:
                return Sym.Null.INSTANCE;
            case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1:
                return Sym.Unknown.TWO;
            case Opcodes.LDC: {
                Object cst = ((org.objectweb.asm.tree.LdcInsnNode) insn).cst;
                return cst instanceof Long || cst instanceof Double ? Sym.Unknown.TWO : Sym.Unknown.ONE;
            }
            case Opcodes.GETSTATIC: {
                FieldInsnNode f = (FieldInsnNode) insn;
                Type t = Type.getType(f.desc);
                if (f.owner.equals(IRQL) && f.desc.equals("L" + IRQL + ";")) {
                    return new Sym.LevelConstant("Irql." + f.name);
                }
                return isReference(t) ? new Sym.Ref("s:" + f.owner + "." + f.name, false) : sized(t);
            }
            case Opcodes.NEW:
                return new Sym.Ref("new@" + insns.indexOf(insn), true);
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
                if (!isReference(t)) {
                    return sized(t);
                }
                if (value instanceof Sym.Ref r) {
                    return new Sym.Ref(r.source() + "." + f.name, false);
                }
                return new Sym.Ref("field@" + insns.indexOf(insn), false);
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
        if (insn.getOpcode() == Opcodes.MULTIANEWARRAY) {
            return new Sym.Ref("new@" + insns.indexOf(insn), true);
        }
        if (insn.getOpcode() == Opcodes.INVOKEDYNAMIC) {
            Type ret = Type.getReturnType(((org.objectweb.asm.tree.InvokeDynamicInsnNode) insn).desc);
            return isReference(ret) ? new Sym.Ref("indy@" + insns.indexOf(insn), true) : sized(ret);
        }
        MethodInsnNode m = (MethodInsnNode) insn;
        Type ret = Type.getReturnType(m.desc);
        if (!isReference(ret)) {
            return sized(ret);
        }
        if (m.owner.equals(IRQL) && ret.getInternalName().equals(IRQL) && m.getOpcode() == Opcodes.INVOKESTATIC) {
            return new Sym.LevelConstant("Irql." + m.name + "(..)");
        }
        if (isSyntheticAccessor(m) && values.get(0) instanceof Sym.Ref r) {
            // Before Java 11 nestmates, an inner class reads its outer class's private field
            // through a static access$NNN(outer); the same field always goes through the same one.
            return new Sym.Ref(r.source() + "." + m.name + "()", false);
        }
        boolean instance = m.getOpcode() != Opcodes.INVOKESTATIC;
        if (instance && values.size() == 1 && values.get(0) instanceof Sym.Ref r) {
            // A getter on a followed reference: rw.writeLock(), interrupt.asUmdf1().
            return new Sym.Ref(r.source() + "." + m.name + "()", false);
        }
        return new Sym.Ref("call@" + insns.indexOf(insn), false);
    }

    /** A javac accessor {@code static access$NNN(Outer)} that reads a private field. */
    static boolean isSyntheticAccessor(MethodInsnNode m) {
        return m.getOpcode() == Opcodes.INVOKESTATIC && m.name.startsWith("access$")
                && Type.getArgumentTypes(m.desc).length == 1;
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, Sym value, Sym expected) {
        // Exits are handled by MethodAnalyzer before the frame executes them.
    }

    @Override
    public Sym merge(Sym value1, Sym value2) {
        // Never called: states are not merged, each path is followed on its own.
        return value1;
    }
}

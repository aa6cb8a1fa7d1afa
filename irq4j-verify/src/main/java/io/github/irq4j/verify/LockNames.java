package io.github.irq4j.verify;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Shows lock keys as the source wrote them ({@code this.lock}, {@code segments[i].readLock()},
 * {@code device.irq}, {@code Uart.LOCK}), using the method's local variable and parameter names,
 * and knows the line of each instruction.
 */
final class LockNames {
    private final MethodNode method;
    private final InsnList insns;
    private final int[] lineOf;

    LockNames(MethodNode method) {
        this.method = method;
        this.insns = method.instructions;
        this.lineOf = new int[insns.size()];
        int line = 0;
        for (int i = 0; i < lineOf.length; i++) {
            if (insns.get(i) instanceof LineNumberNode ln) {
                line = ln.line;
            }
            lineOf[i] = line;
        }
    }

    /** The line of each instruction (the last line number before it). */
    int[] lines() {
        return lineOf;
    }

    /** A lock key as a reader would write it. */
    String display(LockKey key) {
        return switch (key) {
            case LockKey.Param p -> p.slot() == 0 && !isStatic() ? "this" : parameterName(p.slot());
            case LockKey.Static s -> s.owner().substring(s.owner().lastIndexOf('/') + 1).replace('$', '.') + "." + s.name();
            case LockKey.Site s -> site(s);
            case LockKey.Field f -> display(f.base()) + "." + f.name();
            case LockKey.Getter g -> display(g.base()) + "." + g.name() + "()";
            case LockKey.Element e -> display(e.base()) + "[" + e.index() + "]";
            case LockKey.Walk w -> display(w.base()) + (w.step().startsWith("[") ? "" : ".") + w.step() + "(repeated)";
        };
    }

    private String site(LockKey.Site s) {
        int line = s.insn() < lineOf.length ? lineOf[s.insn()] : 0;
        AbstractInsnNode at = s.insn() < insns.size() ? insns.get(s.insn()) : null;
        return switch (s.kind()) {
            case NEW -> "(object created at line " + line + ")";
            case CALL -> at instanceof MethodInsnNode m ? "(result of " + m.name + "(..) at line " + line + ")"
                    : "(value obtained at line " + line + ")";
            case FIELD -> "(field read at line " + line + ")";
            case INDY -> "(lambda at line " + line + ")";
            case CAUGHT -> "(caught exception)";
            case UNTRACKED -> "(value used at line " + line + ")";
        };
    }

    private boolean isStatic() {
        return (method.access & Opcodes.ACC_STATIC) != 0;
    }

    /** How the index of the array load at instruction {@code i} is written: a local's name, a constant, or {@code ?}. */
    String indexNameAt(int i) {
        AbstractInsnNode prev = ClassIndex.previousReal(insns.get(i));
        if (prev instanceof VarInsnNode v && v.getOpcode() == Opcodes.ILOAD) {
            String name = localName(v.var, insns.indexOf(prev));
            return name == null ? "local" + v.var : name;
        }
        if (prev != null && prev.getOpcode() >= Opcodes.ICONST_0 && prev.getOpcode() <= Opcodes.ICONST_5) {
            return String.valueOf(prev.getOpcode() - Opcodes.ICONST_0);
        }
        if (prev instanceof IntInsnNode n && (n.getOpcode() == Opcodes.BIPUSH || n.getOpcode() == Opcodes.SIPUSH)) {
            return String.valueOf(n.operand);
        }
        return "?";
    }

    private String localName(int slot, int at) {
        if (method.localVariables == null) {
            return null;
        }
        for (LocalVariableNode v : method.localVariables) {
            if (v.index == slot && insns.indexOf(v.start) <= at && at <= insns.indexOf(v.end)) {
                return v.name;
            }
        }
        return null;
    }

    String parameterName(int slot) {
        String local = localName(slot, 1);
        if (local != null) {
            return local;
        }
        int s = isStatic() ? 0 : 1;
        int k = 0;
        for (Type t : Type.getArgumentTypes(method.desc)) {
            if (s == slot) {
                if (method.parameters != null && k < method.parameters.size()) {
                    return method.parameters.get(k).name;
                }
                return "parameter " + (k + 1);
            }
            s += t.getSize();
            k++;
        }
        return "local " + slot;
    }
}

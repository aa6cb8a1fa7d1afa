package io.github.irq4j.verify;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Checks the syntax of every type descriptor in a parsed class (JVMS 4.3) before the analysis
 * hands them to ASM's {@link Type}, which does not check them: a malformed method descriptor in an
 * {@code invokedynamic} made {@code Type.getReturnType} throw {@code StringIndexOutOfBoundsException}
 * out of the verifier, and a class whose {@code this_class} is 0 has a null name, on which the
 * analysis failed with a {@code NullPointerException} (both found by {@code StaticVerifierFuzzTest};
 * kept as regression inputs there).
 */
final class Descriptors {

    private Descriptors() {
    }

    /** Null if every descriptor of {@code c} (members, and instructions when its code was read) is well formed, else what is not. */
    static String check(ClassNode c) {
        if (!isInternalName(c.name)) {     // this_class 0 reads as null: the analysis keys everything by it
            return "malformed class name " + (c.name == null ? "(none: this_class is 0)" : "'" + c.name + "'");
        }
        for (FieldNode f : c.fields) {
            if (!isField(f.desc)) {
                return bad("field " + f.name, f.desc);
            }
        }
        for (MethodNode m : c.methods) {
            if (!isMethod(m.desc)) {
                return bad("method " + m.name, m.desc);
            }
            for (TryCatchBlockNode t : m.tryCatchBlocks) {
                if (t.type != null && !isInternalName(t.type)) {
                    return bad("a catch type in " + m.name, t.type);
                }
            }
            for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
                String problem = insn(i);
                if (problem != null) {
                    return "method " + m.name + ": " + problem;
                }
            }
        }
        return null;
    }

    private static String insn(AbstractInsnNode i) {
        if (i instanceof MethodInsnNode call) {
            return isMethod(call.desc) && isInternalName(call.owner) ? null : bad("a call of " + call.name, call.owner + "." + call.desc);
        }
        if (i instanceof FieldInsnNode f) {
            return isField(f.desc) && isInternalName(f.owner) ? null : bad("an access of field " + f.name, f.owner + "." + f.desc);
        }
        if (i instanceof TypeInsnNode t) {
            return isInternalName(t.desc) ? null : bad("a type instruction", t.desc);
        }
        if (i instanceof MultiANewArrayInsnNode a) {
            return isField(a.desc) ? null : bad("a multianewarray", a.desc);
        }
        if (i instanceof LdcInsnNode ldc) {
            return constant(ldc.cst);
        }
        if (i instanceof InvokeDynamicInsnNode indy) {
            if (!isMethod(indy.desc)) {
                return bad("an invokedynamic " + indy.name, indy.desc);
            }
            String problem = constant(indy.bsm);
            for (int k = 0; problem == null && k < indy.bsmArgs.length; k++) {
                problem = constant(indy.bsmArgs[k]);
            }
            return problem;
        }
        return null;
    }

    private static String constant(Object cst) {
        if (cst instanceof Type t) {
            String d = t.getDescriptor();
            return (t.getSort() == Type.METHOD ? isMethod(d) : isField(d)) ? null : bad("a type constant", d);
        }
        if (cst instanceof Handle h) {
            String d = h.getDesc();   // null when the handle's name-and-type points at nothing readable
            boolean ok = isInternalName(h.getOwner()) && d != null && (d.startsWith("(") ? isMethod(d) : isField(d));
            return ok ? null : bad("a method handle " + h.getName(), h.getOwner() + "." + h.getDesc());
        }
        return null;
    }

    private static String bad(String what, String desc) {
        return "malformed descriptor of " + what + ": '" + desc + "'";
    }

    static boolean isField(String d) {
        return d != null && fieldEnd(d, 0) == d.length();
    }

    static boolean isMethod(String d) {
        if (d == null || d.isEmpty() || d.charAt(0) != '(') {
            return false;
        }
        int p = 1;
        while (p < d.length() && d.charAt(p) != ')') {
            p = fieldEnd(d, p);
            if (p < 0) {
                return false;
            }
        }
        if (p >= d.length()) {
            return false;
        }
        p++;
        return p == d.length() - 1 && d.charAt(p) == 'V' || fieldEnd(d, p) == d.length();
    }

    /** A class or interface name ({@code java/lang/Object}) or an array descriptor. */
    static boolean isInternalName(String n) {
        if (n == null || n.isEmpty()) {
            return false;
        }
        if (n.charAt(0) == '[') {
            return isField(n);
        }
        return n.indexOf(';') < 0 && n.indexOf('.') < 0 && n.indexOf('[') < 0;
    }

    /** The end of the field descriptor starting at {@code p}, or -1 if there is none. */
    private static int fieldEnd(String d, int p) {
        while (p < d.length() && d.charAt(p) == '[') {
            p++;
        }
        if (p >= d.length()) {
            return -1;
        }
        char c = d.charAt(p);
        if ("BCDFIJSZ".indexOf(c) >= 0) {
            return p + 1;
        }
        if (c != 'L') {
            return -1;
        }
        int semi = d.indexOf(';', p + 1);
        if (semi < 0 || semi == p + 1) {
            return -1;
        }
        String name = d.substring(p + 1, semi);
        return name.indexOf('.') < 0 && name.indexOf('[') < 0 ? semi + 1 : -1;
    }
}

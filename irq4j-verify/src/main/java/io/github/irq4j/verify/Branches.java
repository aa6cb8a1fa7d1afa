package io.github.irq4j.verify;

import org.objectweb.asm.Opcodes;

/** Which way a conditional jump goes on known values, and how to say what was tested. */
final class Branches {
    private Branches() {
    }

    /**
     * Whether a conditional jump is known to be taken.
     *
     * @param top the value on top of the stack before the jump
     * @param second the value below it (for two-operand comparisons)
     * @return {@code null} if either way is possible
     */
    static Boolean decide(int op, Sym top, Sym second) {
        return switch (op) {
            case Opcodes.IFEQ -> zero(top) == null ? null : zero(top);
            case Opcodes.IFNE -> zero(top) == null ? null : !zero(top);
            case Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE ->
                    top instanceof Sym.IntConst c ? compare(op - Opcodes.IFLT + Opcodes.IF_ICMPLT, c.value(), 0) : null;
            case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT, Opcodes.IF_ICMPGE, Opcodes.IF_ICMPGT, Opcodes.IF_ICMPLE ->
                    second instanceof Sym.IntConst a && top instanceof Sym.IntConst b ? compare(op, a.value(), b.value()) : null;
            case Opcodes.IFNULL -> top != null && top.isNonNull() ? Boolean.FALSE : top instanceof Sym.Null ? Boolean.TRUE : null;
            case Opcodes.IFNONNULL -> top != null && top.isNonNull() ? Boolean.TRUE : top instanceof Sym.Null ? Boolean.FALSE : null;
            default -> null;
        };
    }

    /** Whether an int value is known to be 0 ({@code TRUE}), known not to be ({@code FALSE}), or not known. */
    private static Boolean zero(Sym v) {
        return switch (v) {
            case Sym.IntConst c -> c.value() == 0;
            case Sym.TryResult t -> !t.ok();
            case Sym.NonZero n -> Boolean.FALSE;
            case null, default -> null;
        };
    }

    private static boolean compare(int op, int a, int b) {
        return switch (op) {
            case Opcodes.IF_ICMPEQ -> a == b;
            case Opcodes.IF_ICMPNE -> a != b;
            case Opcodes.IF_ICMPLT -> a < b;
            case Opcodes.IF_ICMPGE -> a >= b;
            case Opcodes.IF_ICMPGT -> a > b;
            default -> a <= b;
        };
    }

    /**
     * What a branch proved, in source terms, for the trace: {@code "this.flag is true"},
     * {@code "the try-acquire of this.irq at line 12 returned false"}, {@code "value is null"},
     * or {@code "condition taken"}.
     */
    static String describe(int op, Sym v, boolean taken, LockNames names) {
        if (op == Opcodes.IFEQ || op == Opcodes.IFNE) {
            boolean nonZero = (op == Opcodes.IFNE) == taken;
            return switch (v) {
                case Sym.TryResult t -> "the try-acquire of " + names.display(t.lock()) + " at line " + t.line() + " returned " + t.ok();
                case Sym.Opaque o -> names.display(o.origin()) + (o.bool() ? " is " + nonZero : nonZero ? " != 0" : " == 0");
                case Sym.NonZero n -> names.display(n.origin()) + " != 0";
                case Sym.IntConst c -> "constant " + c.value();
                case null, default -> "condition " + (nonZero ? "true" : "false");
            };
        }
        if (op == Opcodes.IFNULL || op == Opcodes.IFNONNULL) {
            boolean isNull = (op == Opcodes.IFNULL) == taken;
            String what = v instanceof Sym.Ref r ? names.display(r.path()) : "value";
            return what + (isNull ? " is null" : " is not null");
        }
        return taken ? "branch taken" : "branch not taken";
    }
}

package io.github.irq4j.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * Analyses the methods of one class: picks the methods that touch a lock, computes the summaries
 * of helper methods, and collects the findings.
 */
final class ClassAnalyzer implements MethodAnalyzer.Context {
    /*
     * Helpers: a call to a method of the same class that cannot be overridden (private, static,
     * final, or in a final class), or to any input method annotated @AcquiresInterruptLock /
     * @ReleasesInterruptLock, is replaced by the helper's summary: the locks it holds at every normal
     * exit become acquires at the call, the locks it releases without holding become releases,
     * with its receiver and parameters rewritten into the caller's values. A private helper that is
     * called in its class and has such an effect is itself checked only for the other rules: its
     * unbalanced lock is its callers' business, and is checked there.
     */

    private final ClassNode cls;
    private final ClassIndex index;
    private final ThrowModel throwModel;
    private final Function<String, ClassAnalyzer> classes;
    private final String sourcePath;
    private final String dottedName;
    private final Map<MethodNode, Optional<Summary>> summaries = new HashMap<>();
    private final Set<MethodNode> inProgress = new HashSet<>();
    private final Map<MethodNode, Boolean> interesting = new HashMap<>();
    /** name+desc of the methods this class calls on itself; {@code null} until first needed. */
    private Set<String> calledInClass;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private final List<InputError> errors = new ArrayList<>();
    private final String origin;
    private int analysedMethods;
    private final List<Truncation> truncated = new ArrayList<>();

    ClassAnalyzer(ClassNode cls, String origin, ClassIndex index, ThrowModel throwModel, Function<String, ClassAnalyzer> classes) {
        this.cls = cls;
        this.throwModel = throwModel;
        this.origin = origin;
        this.index = index;
        this.classes = classes;
        this.dottedName = cls.name.replace('/', '.');
        int slash = cls.name.lastIndexOf('/');
        String dir = slash < 0 ? "" : cls.name.substring(0, slash + 1);
        String file = cls.sourceFile;
        if (file == null) {
            String outer = ClassIndex.nestOf(cls.name);
            file = outer.substring(outer.lastIndexOf('/') + 1) + ".java";
        }
        this.sourcePath = dir + file;
    }

    /** Whether a method of this class calls {@code name desc} on it; the calls are collected on first use. */
    private boolean calledInClass(String nameAndDesc) {
        if (calledInClass == null) {
            calledInClass = new HashSet<>();
            for (MethodNode m : cls.methods) {
                for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
                    if (insn instanceof MethodInsnNode call && call.owner.equals(cls.name)) {
                        calledInClass.add(call.name + call.desc);
                    }
                }
            }
        }
        return calledInClass.contains(nameAndDesc);
    }

    /** Analyses every method that touches a lock. */
    void analyse() {
        for (MethodNode m : cls.methods) {
            if (m.instructions.size() == 0 || !isInteresting(m)) {
                continue;
            }
            analysedMethods++;
            if (isExemptHelper(m)) {
                continue; // its summary was computed, and its other findings reported, by isExemptHelper
            }
            if (!hasLockEffect(m)) {
                continue; // no path can change a lock state, so none can break a rule: not explored
            }
            MethodAnalyzer a = new MethodAnalyzer(this, cls.name, m, false);
            try {
                a.run();
                boolean wrapper = a.leaksJuc() && isWrapperCandidate(m);
                a.finish(wrapper, wrapper ? summary(m) : null);
                if (a.truncation() != null) {
                    truncated.add(new Truncation(dottedName, m.name, m.desc, a.truncation()));
                }
            } catch (AnalyzerException | RuntimeException e) {
                errors.add(new InputError(origin, "method " + dottedName + "." + m.name + m.desc
                        + " could not be analysed: " + e.getMessage() + " (the class file is invalid; recompile it)"));
            }
        }
    }

    List<Finding> findings() {
        return findings;
    }

    List<InputError> errors() {
        return errors;
    }

    int analysedMethods() {
        return analysedMethods;
    }

    List<Truncation> truncated() {
        return truncated;
    }

    private boolean isExemptHelper(MethodNode m) {
        if ((m.access & Opcodes.ACC_PRIVATE) == 0 || !calledInClass(m.name + m.desc)) {
            return false;
        }
        Summary s = summary(m);
        return s != null && !s.isEmpty();
    }

    /**
     * Whether a method may be an acquire wrapper (returning holding a lock on purpose): it is
     * called somewhere in the input, or is public or protected API, and is no constructor.
     */
    private boolean isWrapperCandidate(MethodNode m) {
        return !m.name.startsWith("<") && ((m.access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0
                || index.isCalled(cls.name, m.name, m.desc));
    }

    private boolean isHelper(MethodNode m) {
        if (m.name.startsWith("<")) {
            return false;
        }
        return (m.access & (Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL)) != 0
                || (cls.access & Opcodes.ACC_FINAL) != 0;
    }

    boolean isInteresting(MethodNode m) {
        Boolean known = interesting.get(m);
        if (known != null) {
            return known;
        }
        interesting.put(m, Boolean.FALSE); // cycle guard
        boolean result = false;
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null && !result; insn = insn.getNext()) {
            if (!(insn instanceof MethodInsnNode call)) {
                continue;
            }
            if (LockCall.classify(call, index) != null) {
                result = true;
                continue;
            }
            MethodNode target = index.method(call.owner, call.name, call.desc);
            if (target == null) {
                continue;
            }
            if (Annotations.declared(target)) {
                result = true;
            } else if (call.owner.equals(cls.name)) {
                result = isInteresting(target);
            } else {
                ClassAnalyzer other = classes.apply(call.owner);
                result = other != null && other.isInteresting(target);
            }
        }
        interesting.put(m, result);
        return result;
    }

    /**
     * Whether some path of an interesting method can change a lock state: it calls a lock
     * operation, a method annotated to acquire or release, or a method whose summary has an
     * effect. A method that only calls methods whose locks are balanced (such as a caller of a
     * {@code size()} that locks and unlocks) is interesting but has none: every path through it
     * holds nothing, so no rule can be broken there, and exploring it would only repeat its
     * callees' work. The summaries asked for here are the ones its exploration would ask for.
     * A method with {@code jsr}/{@code ret} counts as having one, so that the input error the
     * exploration reports for it is still reported.
     */
    private boolean hasLockEffect(MethodNode m) {
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            int op = insn.getOpcode();
            if (op == Opcodes.JSR || op == Opcodes.RET) {
                return true;
            }
            if (!(insn instanceof MethodInsnNode call)) {
                continue;
            }
            if (LockCall.classify(call, index) != null) {
                return true;
            }
            MethodNode target = index.method(call.owner, call.name, call.desc);
            if (target == null) {
                continue;
            }
            if (Annotations.declared(target)) {
                return true;
            }
            Summary s = summaryOf(call);
            if (s != null && !s.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a method may return one of its parameters (or {@code this}) unchanged, which its
     * summary records for its callers ({@code lock(); return this;}): only a method with a
     * reference result that loads a parameter slot can.
     */
    private static boolean mayReturnParameter(MethodNode m) {
        if (!SymInterpreter.isReference(org.objectweb.asm.Type.getReturnType(m.desc))) {
            return false;
        }
        int params = (org.objectweb.asm.Type.getArgumentsAndReturnSizes(m.desc) >> 2) - ((m.access & Opcodes.ACC_STATIC) != 0 ? 1 : 0);
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.ALOAD && ((org.objectweb.asm.tree.VarInsnNode) insn).var < params) {
                return true;
            }
        }
        return false;
    }

    /** The summary of one of this class's methods, computed once. */
    Summary summary(MethodNode m) {
        Optional<Summary> known = summaries.get(m);
        if (known != null) {
            return known.orElse(null);
        }
        if (!inProgress.add(m) || !isInteresting(m)) {
            return null; // recursion: the call has no known effect
        }
        Summary s = null;
        try {
            if (mayReturnParameter(m) || hasLockEffect(m)) {
                MethodAnalyzer a = new MethodAnalyzer(this, cls.name, m, true);
                s = a.run();
            }
            // else its summary could only be empty, and an empty summary that returns no
            // parameter changes nothing at a call: the same as none, so it is not explored
        } catch (AnalyzerException | RuntimeException e) {
            s = null; // reported when the method itself is analysed
        } finally {
            inProgress.remove(m);
        }
        summaries.put(m, Optional.ofNullable(s));
        return s;
    }

    @Override
    public ClassIndex index() {
        return index;
    }

    @Override
    public Summary summaryOf(MethodInsnNode call) {
        MethodNode target = index.method(call.owner, call.name, call.desc);
        if (target == null) {
            return null;
        }
        if (call.owner.equals(cls.name)) {
            return summary(target);
        }
        // Summaries across the classes of the input: the method the call names is the one taken,
        // as for a private helper (an override elsewhere is not looked for).
        ClassAnalyzer other = classes.apply(call.owner);
        return other == null ? null : other.summary(target);
    }

    @Override
    public boolean isIoCallback(MethodNode m) {
        return index.isIoCallback(cls, m);
    }

    @Override
    public ThrowModel throwModel() {
        return throwModel;
    }

    @Override
    public void report(MethodNode m, StaticRule rule, int line, String message, List<TraceStep> steps, String dedupeKey) {
        if (reported.add(m.name + m.desc + ":" + dedupeKey)) {
            Finding f = new Finding(rule, dottedName, m.name, m.desc, sourcePath, line, message, steps);
            Suppression s = suppressionFor(m, rule);
            findings.add(s == null ? f : f.withSuppression(s));
        }
    }

    /** The {@code @SuppressLockFinding} covering a rule in a method: on it, its class, or an enclosing class. */
    private Suppression suppressionFor(MethodNode m, StaticRule rule) {
        List<Annotations.Suppression> all = new ArrayList<>(Annotations.suppressions(m));
        for (String c = cls.name; c != null; ) {
            ClassNode node = index.get(c);
            if (node != null) {
                all.addAll(Annotations.suppressions(node));
            }
            int dollar = c.lastIndexOf('$');
            c = dollar > c.lastIndexOf('/') ? c.substring(0, dollar) : null;
        }
        for (Annotations.Suppression a : all) {
            if (!a.rule().equals("*") && !isRuleId(a.rule())) {
                noteError("@SuppressLockFinding(rule = \"" + a.rule() + "\") in " + dottedName + " names no rule (the rules are "
                        + java.util.Arrays.stream(StaticRule.values()).map(StaticRule::id).toList() + ", or \"*\")");
            } else if (a.reason().isBlank()) {
                noteError("@SuppressLockFinding(rule = \"" + a.rule() + "\") in " + dottedName + " gives no reason; a suppression "
                        + "is honoured only with reason = \"why this is not a bug\"");
            } else if (a.covers(rule)) {
                return new Suppression(Suppression.Kind.IN_SOURCE, a.reason());
            }
        }
        return null;
    }

    private static boolean isRuleId(String id) {
        for (StaticRule r : StaticRule.values()) {
            if (r.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private void noteError(String message) {
        InputError e = new InputError(origin, message);
        if (!errors.contains(e)) {
            errors.add(e);
        }
    }
}

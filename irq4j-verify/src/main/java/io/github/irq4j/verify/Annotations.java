package io.github.irq4j.verify;

import io.github.irq4j.AcquiresLock;
import io.github.irq4j.AcquiresLockIfReturns;
import io.github.irq4j.ReleasesLock;
import io.github.irq4j.SuppressLockFinding;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The verifier's annotations as read from class files: intended acquire and release methods
 * ({@code @AcquiresLock}, {@code @AcquiresLockIfReturns}, {@code @ReleasesLock}, and the interrupt
 * ones {@code @AcquiresInterruptLock}/{@code @ReleasesInterruptLock}, which now cover any lock
 * kind too), and suppressions ({@code @SuppressLockFinding}).
 */
final class Annotations {
    static final String ACQUIRES_LOCK = Type.getDescriptor(AcquiresLock.class);
    static final String ACQUIRES_LOCK_IF = Type.getDescriptor(AcquiresLockIfReturns.class);
    static final String RELEASES_LOCK = Type.getDescriptor(ReleasesLock.class);
    static final String SUPPRESS = Type.getDescriptor(SuppressLockFinding.class);
    static final String SUPPRESS_LIST = Type.getDescriptor(SuppressLockFinding.List.class);

    private Annotations() {
    }

    /**
     * How a method is declared to acquire.
     *
     * @param interrupt whether it is {@code @AcquiresInterruptLock} (a call whose lock cannot be
     *        named then counts as one interrupt lock held)
     * @param ifReturns {@code null} if it always returns holding, else the result with which it does
     */
    record Acquire(boolean interrupt, Boolean ifReturns) {
        boolean conditional() {
            return ifReturns != null;
        }
    }

    /** How the method is declared to acquire, or {@code null} if it is not. */
    static Acquire acquires(MethodNode m) {
        if (find(m, CoreApi.ACQUIRES_INTERRUPT_LOCK) != null) {
            return new Acquire(true, null);
        }
        if (find(m, ACQUIRES_LOCK) != null) {
            return new Acquire(false, null);
        }
        AnnotationNode cond = find(m, ACQUIRES_LOCK_IF);
        if (cond != null) {
            Object v = value(cond, "value");
            return new Acquire(false, v instanceof Boolean b ? b : Boolean.TRUE);
        }
        return null;
    }

    /** Whether the method is declared to release a lock its caller holds. */
    static boolean releases(MethodNode m) {
        return find(m, CoreApi.RELEASES_INTERRUPT_LOCK) != null || find(m, RELEASES_LOCK) != null;
    }

    /** Whether the method is declared to acquire or release. */
    static boolean declared(MethodNode m) {
        if (m.invisibleAnnotations == null && m.visibleAnnotations == null) {
            return false;
        }
        return acquires(m) != null || releases(m);
    }

    /**
     * A suppression.
     *
     * @param rule the rule id, or {@code "*"}
     * @param reason why
     */
    record Suppression(String rule, String reason) {
        boolean covers(StaticRule r) {
            return rule.equals("*") || rule.equals(r.id());
        }
    }

    /** The suppressions on a method. */
    static List<Suppression> suppressions(MethodNode m) {
        return suppressions(m.invisibleAnnotations, m.visibleAnnotations);
    }

    /** The suppressions on a class. */
    static List<Suppression> suppressions(ClassNode c) {
        return suppressions(c.invisibleAnnotations, c.visibleAnnotations);
    }

    @SuppressWarnings("unchecked")
    private static List<Suppression> suppressions(List<AnnotationNode> invisible, List<AnnotationNode> visible) {
        List<Suppression> out = new ArrayList<>();
        for (List<AnnotationNode> list : List.of(nullToEmpty(invisible), nullToEmpty(visible))) {
            for (AnnotationNode a : list) {
                if (a.desc.equals(SUPPRESS)) {
                    out.add(suppression(a));
                } else if (a.desc.equals(SUPPRESS_LIST) && value(a, "value") instanceof List<?> inner) {
                    for (Object o : inner) {
                        if (o instanceof AnnotationNode n) {
                            out.add(suppression(n));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Suppression suppression(AnnotationNode a) {
        Object rule = value(a, "rule");
        Object reason = value(a, "reason");
        return new Suppression(rule == null ? "*" : rule.toString(), reason == null ? "" : reason.toString());
    }

    private static Object value(AnnotationNode a, String name) {
        if (a.values == null) {
            return null;
        }
        for (int i = 0; i + 1 < a.values.size(); i += 2) {
            if (name.equals(a.values.get(i))) {
                return a.values.get(i + 1);
            }
        }
        return null;
    }

    private static AnnotationNode find(MethodNode m, String desc) {
        if (m.invisibleAnnotations == null && m.visibleAnnotations == null) {
            return null; // most methods: asked for every call the analysis meets
        }
        for (List<AnnotationNode> list : List.of(nullToEmpty(m.invisibleAnnotations), nullToEmpty(m.visibleAnnotations))) {
            for (AnnotationNode a : list) {
                if (a.desc.equals(desc)) {
                    return a;
                }
            }
        }
        return null;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

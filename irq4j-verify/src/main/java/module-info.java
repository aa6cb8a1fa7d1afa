/**
 * irq4j's static verifier: reads compiled driver classes with ASM and reports, before the driver
 * runs, the interrupt-lock rules the runtime verifier would report when the path is taken (a lock
 * not released on some path, a blocking call under a spin lock, ...), as text or SARIF 2.1.0.
 * Used by {@code irq4j verify}, the Maven plugin's {@code verify} goal, and as a library.
 *
 * <p>One package: {@link io.github.irq4j.verify}; its entry point is {@code StaticVerifier}.
 */
module io.github.irq4j.verify {
    requires transitive io.github.irq4j.core;
    requires org.objectweb.asm;
    requires org.objectweb.asm.tree;
    requires org.objectweb.asm.tree.analysis;
    requires com.google.gson;

    exports io.github.irq4j.verify;
}

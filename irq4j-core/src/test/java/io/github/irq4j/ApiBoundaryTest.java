package io.github.irq4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.internal.ThreadState;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API reaches the implementation through {@link FrameworkAccess} only, and the implementation
 * leaves nothing writable to drivers: on the class path an unexported package protects nothing.
 */
class ApiBoundaryTest {

    @Test
    void noClassOfTheImplementationHasAPublicMutableField() throws Exception {
        Path root = Path.of(ThreadState.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = root.resolve("io/github/irq4j/internal");
        List<String> offenders = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.list(pkg)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = "io.github.irq4j.internal." + p.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName(name, false, ThreadState.class.getClassLoader());
                classes++;
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isPublic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers())) {
                        offenders.add(name + "." + f.getName());
                    }
                }
            }
        }
        assertThat(classes).as("classes found in " + pkg).isGreaterThan(20);
        assertThat(offenders).isEmpty();
    }

    @Test
    void theThreadsLevelIsNotWritableFromOutsideItsPackage() throws Exception {
        Field irql = ThreadState.class.getDeclaredField("irql");
        assertThat(Modifier.isPublic(irql.getModifiers()) || Modifier.isProtected(irql.getModifiers())).isFalse();
    }

    @Test
    void theBridgeOffersDriversNothingToCall() {
        assertThat(FrameworkAccess.class.isSealed()).isTrue();
        for (Method m : FrameworkAccess.class.getDeclaredMethods()) {
            assertThat(Modifier.isPublic(m.getModifiers())).as(m.toString()).isFalse();
        }
        // The API works through it: a host, a level, a checked policy.
        try (Host host = Host.builder().build()) {
            assertThat(host.verifierMode()).isEqualTo(VerifierMode.THROW);
        }
        assertThat(Irql.current()).isSameAs(Irql.PASSIVE);
    }
}

package io.github.irq4j.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.Device;
import io.github.irq4j.Interrupt;
import io.github.irq4j.InterruptConfig;
import io.github.irq4j.InterruptLockScope;
import io.github.irq4j.Rule;
import io.github.irq4j.Umdf1Interrupt;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The method names CoreApi keeps beside method references are the names of those methods: a
 * rename that updates the reference but not the name fails here, one that updates neither fails
 * the compilation.
 */
class CoreApiTest {

    private static Set<String> methods(Class<?> c) {
        return Arrays.stream(c.getMethods()).map(Method::getName).collect(Collectors.toSet());
    }

    @Test
    void interruptMethodNamesExist() {
        assertThat(methods(Interrupt.class)).contains(CoreApi.ACQUIRE_LOCK, CoreApi.RELEASE_LOCK, CoreApi.TRY_TO_ACQUIRE_LOCK,
                CoreApi.ACQUIRE_LOCK_SCOPE, CoreApi.ACQUIRE_SPIN_LOCK, CoreApi.RELEASE_SPIN_LOCK, CoreApi.SYNCHRONIZE,
                CoreApi.SYNCHRONIZE_EXECUTION, CoreApi.AS_UMDF1);
        assertThat(methods(Umdf1Interrupt.class)).contains(CoreApi.ACQUIRE_INTERRUPT_LOCK, CoreApi.RELEASE_INTERRUPT_LOCK,
                CoreApi.TRY_TO_ACQUIRE_INTERRUPT_LOCK, CoreApi.UMDF1_INTERRUPT);
        assertThat(methods(InterruptLockScope.class)).contains(CoreApi.SCOPE_CLOSE);
        assertThat(methods(InterruptConfig.class)).contains(CoreApi.CONFIG_BUILDER);
        assertThat(methods(InterruptConfig.Builder.class)).contains(CoreApi.PASSIVE_HANDLING, CoreApi.BUILD);
        assertThat(methods(Device.class)).contains(CoreApi.CREATE_INTERRUPT);
    }

    @Test
    void typeNamesAreTheClassesInternalNames() {
        assertThat(CoreApi.INTERRUPT).isEqualTo(Interrupt.class.getName().replace('.', '/'));
        assertThat(CoreApi.BUILDER).isEqualTo("io/github/irq4j/InterruptConfig$Builder");
    }

    @Test
    void staticRuleIdsOfSpecRulesAreCoreIds() {
        for (StaticRule r : StaticRule.values()) {
            if (r != StaticRule.LOCK_RELEASE && r != StaticRule.UNLOCK_NOT_HELD) {
                assertThat(Rule.byId(r.id()).id()).isEqualTo(r.id());
            }
        }
    }
}

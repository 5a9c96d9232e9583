package io.coremonitor.model.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The boundary rule on fixture modules under {@value #ROOT}: {@code gamma} uses {@code alpha}'s internals, {@code beta}
 * its API. (Under the real root {@code io.coremonitor} they all belong to the model module, so they break no rule.)
 */
class ModuleBoundariesRuleTest {

    private static final String ROOT = "io.coremonitor.model.testing.fixture";

    @Test
    void refusesAClassUsingAnotherModulesInternalPackage() {
        JavaClasses all = new ClassFileImporter().importPackages(ROOT);
        EvaluationResult result = ModuleBoundaries.rule(ROOT).evaluate(all);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).hasSize(1).first().asString()
                .contains(ROOT + ".gamma.BadUser").contains(ROOT + ".alpha.internal.Hidden");
    }

    @Test
    void allowsAModulesOwnInternalsAndAnotherModulesPublicPackage() {
        JavaClasses clean = new ClassFileImporter().importPackages(ROOT + ".alpha", ROOT + ".beta");
        assertThat(ModuleBoundaries.rule(ROOT).evaluate(clean).hasViolation()).isFalse();
    }

    @Test
    void readsTheModuleFromThePackage() {
        assertThat(ModuleBoundaries.module("io.coremonitor", "io.coremonitor.engine.internal.convergence"))
                .contains("engine");
        assertThat(ModuleBoundaries.module("io.coremonitor", "io.coremonitor.server")).contains("server");
        assertThat(ModuleBoundaries.module("io.coremonitor", "io.coremonitorx.server")).isEmpty();
        assertThat(ModuleBoundaries.isInternal("io.coremonitor", "io.coremonitor.engine.internal.convergence")).isTrue();
        assertThat(ModuleBoundaries.isInternal("io.coremonitor", "io.coremonitor.store.internal")).isTrue();
        assertThat(ModuleBoundaries.isInternal("io.coremonitor", "io.coremonitor.store.internals")).isFalse();
        assertThat(ModuleBoundaries.isInternal("io.coremonitor", "io.coremonitor.engine.monitoring")).isFalse();
    }
}

package io.coremonitor.model.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;

/**
 * The rule that makes the modules' boundaries real: a class of one module ({@code io.coremonitor.<module>..}) uses
 * no class of another module's {@code io.coremonitor.<other>.internal..} packages; a module's API is its public
 * package. Every module (examples and benchmarks included) runs it in a {@code ModuleBoundariesTest} over all Core
 * Monitor classes on its test class path: its own main and test classes and those of the modules it depends on.
 */
public final class ModuleBoundaries {

    public static final ArchRule NO_OTHER_MODULES_INTERNALS = rule("io.coremonitor");

    private ModuleBoundaries() {
    }

    /** The rule for the modules under {@code root} (each module is the package segment after it). */
    static ArchRule rule(String root) {
        return classes().that().resideInAPackage(root + "..")
                .should(useNoInternalPackageOfAnotherModule(root))
                .because("a module's internal packages are not its API: use the public package of that module");
    }

    private static ArchCondition<JavaClass> useNoInternalPackageOfAnotherModule(String root) {
        return new ArchCondition<>("use no class of another module's internal packages") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> own = module(root, origin.getPackageName());
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getBaseComponentType().getPackageName();
                    if (isInternal(root, target) && !module(root, target).equals(own)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    /** The module of a package under {@code root} ({@code io.coremonitor.engine.internal.convergence}: engine). */
    static Optional<String> module(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return Optional.empty();
        }
        String rest = packageName.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    /** True for {@code <root>.<module>.internal} and the packages under it. */
    static boolean isInternal(String root, String packageName) {
        return module(root, packageName).map(m -> root + "." + m + ".internal")
                .filter(internal -> packageName.equals(internal) || packageName.startsWith(internal + "."))
                .isPresent();
    }
}

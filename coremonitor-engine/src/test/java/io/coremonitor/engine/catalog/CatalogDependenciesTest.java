package io.coremonitor.engine.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The catalog and its rules engine depend on the model only: no Docker, no store, no other part of the engine. */
@AnalyzeClasses(packages = "io.coremonitor.engine.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class CatalogDependenciesTest {

    @ArchTest
    static final ArchRule MODEL_ONLY = classes().that().resideInAPackage("io.coremonitor.engine.catalog..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.coremonitor.model..",
            "io.coremonitor.engine.catalog..", "com.fasterxml.jackson..", "org.slf4j..")
        .because("the rules engine is pure (DESIGN.md): it is tested alone, without Docker or the store");
}

package io.coremonitor.benchmarks;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.coremonitor.model.testing.ModuleBoundaries;

/** This module's classes, and those it depends on, use no other module's internal packages. */
@AnalyzeClasses(packages = "io.coremonitor")
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule NO_OTHER_MODULES_INTERNALS = ModuleBoundaries.NO_OTHER_MODULES_INTERNALS;
}

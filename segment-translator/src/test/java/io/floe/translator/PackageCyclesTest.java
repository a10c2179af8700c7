package io.floe.translator;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The main code's packages depend on one another one way only, so that each can be read, tested and
 * changed before the packages that use it. Only this module's compiled main classes are checked:
 * Maven already keeps the modules themselves from depending on one another in a circle.
 */
class PackageCyclesTest {
  @Test
  void noPackageDependsOnAPackageThatDependsOnIt() {
    JavaClasses main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("io.floe.translator");

    slices().matching("io.floe.(**)").should().beFreeOfCycles().check(main);
  }
}

package io.floe.translator;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The rule every module's main code keeps: its packages depend on one another one way only, so
 * that each can be read, tested and changed before the packages that use it. Only the module's own
 * compiled main classes are checked: Maven already keeps the modules from depending on one another
 * in a circle.
 */
public final class PackageCycles {
  private PackageCycles() {}

  /** Fails naming the cycle if any package under {@code rootPackage} depends on one that depends on it. */
  public static void assertNoneUnder(String rootPackage) {
    JavaClasses main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(rootPackage);
    slices().matching("io.floe.(**)").should().beFreeOfCycles().check(main);
  }
}

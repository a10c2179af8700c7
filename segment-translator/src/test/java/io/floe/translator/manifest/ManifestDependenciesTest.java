package io.floe.translator.manifest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The manifest's format on disk is the manifest's own: no change to the registry client can change it. */
class ManifestDependenciesTest {
  @Test
  void theManifestUsesNoRecordOfTheRegistryClientNorOfTheValueCodecs() {
    JavaClasses manifest = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.floe.translator.manifest");

    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("io.floe.translator.registry..", "io.floe.translator.value..")
        .because("a manifest stores writer schemas as its own records, converted at the upload and fetch edges")
        .check(manifest);
  }
}

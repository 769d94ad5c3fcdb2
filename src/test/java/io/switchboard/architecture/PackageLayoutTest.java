package io.switchboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.switchboard.egress.PlatformSender;
import org.junit.jupiter.api.Test;

/** The layout shows the architecture: capability packages without cycles, over a kernel that knows only the envelope. */
class PackageLayoutTest {

  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.switchboard");

  @Test
  void noTwoPackagesDependOnEachOther() {
    slices().matching("io.switchboard.(**)").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void theKernelDependsOnlyOnTheEnvelope() {
    classes().that().resideInAPackage("io.switchboard.kernel")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.switchboard.kernel", "io.switchboard.envelope", "java..", "com.fasterxml.jackson.annotation..")
        .check(CLASSES);
  }

  @Test
  void decisionsDoNotSeeCamel() {
    classes().that().resideInAnyPackage("io.switchboard.kernel", "io.switchboard.access", "io.switchboard.limits", "io.switchboard.filter")
        .should().onlyDependOnClassesThat().resideOutsideOfPackage("org.apache.camel..")
        .check(CLASSES);
  }

  @Test
  void platformSendersDoNotSeeCamel() {
    classes().that().implement(PlatformSender.class)
        .should().onlyDependOnClassesThat().resideOutsideOfPackage("org.apache.camel..")
        .check(CLASSES);
  }
}

package dev.plume;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** Build gate: the engine stays framework-free and its packages form a DAG along the data path. */
class ArchitectureTest {

  private static final JavaClasses ENGINE =
      // Only this module's compiled main classes: other dev.plume modules on the test classpath
      // (the test broker) are not part of the engine.
      new ClassFileImporter().importPath(Paths.get("target", "classes"));

  @Test
  void engineImportsNoSpringOrMicrometer() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "io.micrometer..", "org.apache.kafka..")
        .because("producer-engine is framework-free and must not use the official client")
        .check(ENGINE);
  }

  @Test
  void packagesHaveNoCycles() {
    slices()
        // One slice per top-level package, subpackages included: producer.errors belongs to
        // producer, so a cycle producer -> security -> producer.errors is caught.
        .matching("dev.plume.(*)..")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(ENGINE);
  }

  /** The same within {@code dev.plume.internal}, once the internal packages live there. */
  @Test
  void internalPackagesHaveNoCycles() {
    slices()
        .matching("dev.plume.internal.(*)..")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(ENGINE);
  }

  /** The public API never depends on the engine's internals, so users never reach them. */
  @Test
  void publicApiDependsOnNoInternals() {
    noClasses()
        .that()
        .resideInAnyPackage(ApiBoundary.PUBLIC_PACKAGES)
        .should()
        .dependOnClassesThat(ApiBoundary.ENGINE_INTERNALS)
        .check(ENGINE);
  }

  /** Nor does any public signature, PlumeProducer's and its builder's included. */
  @Test
  void publicSignaturesNameNoInternals() {
    ApiBoundary.publicSignaturesNameNoInternals().check(ENGINE);
  }
}

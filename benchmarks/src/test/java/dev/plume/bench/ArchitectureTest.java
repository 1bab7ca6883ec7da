package dev.plume.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.plume.ApiBoundary;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks plant no classes in the engine's packages (they reach package-private code through
 * the engine's public bench hooks), and only the JMH microbenchmarks of engine internals, in {@code
 * dev.plume.bench} itself, use internals: the load drivers use the public API like any user.
 */
class ArchitectureTest {

  private static final JavaClasses BENCHMARKS =
      new ClassFileImporter()
          .importPaths(Paths.get("target", "classes"), Paths.get("target", "test-classes"));

  @Test
  void everyClassLivesInTheBenchmarksPackages() {
    classes().should().resideInAPackage("dev.plume.bench..").check(BENCHMARKS);
  }

  @Test
  void onlyTheMicrobenchmarksUseEngineInternals() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.plume.bench")
        .should()
        .dependOnClassesThat(ApiBoundary.ENGINE_INTERNALS)
        .check(BENCHMARKS);
  }
}

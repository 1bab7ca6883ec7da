package dev.plume.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.plume.ApiBoundary;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The starter's packages form a DAG, and only its spring-kafka swap uses Spring's or Apache's Kafka
 * clients.
 */
class ArchitectureTest {

  private static final JavaClasses STARTER =
      new ClassFileImporter().importPath(Paths.get("target", "classes"));

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.plume.spring.(**)").should().beFreeOfCycles().check(STARTER);
  }

  @Test
  void coreHealthAndMetricsDoNotDependOnAutoConfiguration() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.plume.spring.core..", "dev.plume.spring.health..", "dev.plume.spring.metrics..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.plume.spring.autoconfigure..")
        .check(STARTER);
  }

  /**
   * Only the spring-kafka swap (its package and its auto-configuration, loaded only when
   * spring-kafka is present) uses kafka-clients or spring-kafka; the rest of the starter runs
   * without them.
   */
  @Test
  void noKafkaClientsOrSpringKafkaOutsideTheSwap() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.plume.spring.springkafka..")
        .and()
        .haveNameNotMatching(
            ".*\\.(PlumeSpringKafkaAutoConfiguration|SpringKafkaSslBundles)(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..", "org.springframework.kafka..", "org.springframework.boot.kafka..")
        .check(STARTER);
  }

  /** The starter, its tests included, uses only the engine's public API. */
  @Test
  void usesOnlyTheEnginesPublicApi() {
    ApiBoundary.onlyThePublicApi()
        .check(
            new ClassFileImporter()
                .importPaths(Paths.get("target", "classes"), Paths.get("target", "test-classes")));
  }
}

package dev.plume.kafka;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.plume.ApiBoundary;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The kafka-clients adapter, its tests included, uses only the engine's public API. */
class ArchitectureTest {

  private static final JavaClasses ADAPTER =
      new ClassFileImporter()
          .importPaths(Paths.get("target", "classes"), Paths.get("target", "test-classes"));

  @Test
  void usesOnlyTheEnginesPublicApi() {
    ApiBoundary.onlyThePublicApi().check(ADAPTER);
  }
}

package dev.plume.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** producer-engine/CONFIGURATION.md is exactly what the configuration table generates. */
class ConfigurationDocTest {

  private static final Path DOC = Path.of("CONFIGURATION.md");

  static final String REWRITE_COMMAND =
      "./mvnw -B -pl producer-engine -am verify -Dtest=ConfigurationDocTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dplume.docs.write=true";

  @Test
  void theDocumentationIsGeneratedFromTheTable() throws IOException {
    String generated = ConfigurationDoc.generate();
    if (Boolean.getBoolean("plume.docs.write")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    String onDisk = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
    assertThat(onDisk)
        .as(
            "producer-engine/CONFIGURATION.md differs from what ConfigKeys generates; rewrite it"
                + " with: "
                + REWRITE_COMMAND)
        .isEqualTo(generated);
  }

  @Test
  void everyKeyOfTheTableIsDocumented() {
    String generated = ConfigurationDoc.generate();
    for (ConfigKey key : ConfigKeys.ALL) {
      assertThat(generated).as(key.name()).contains("| `" + key.name() + "` |");
    }
  }
}

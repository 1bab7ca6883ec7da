package dev.plume.producer;

import dev.plume.producer.errors.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ${dir:/path/to/dir:name}}: the content of the regular file {@code name} in the directory,
 * as Kubernetes mounts secrets.
 */
final class DirectoryConfigProvider implements ConfigProvider {

  private final AllowedPaths allowed;

  DirectoryConfigProvider(List<String> allowedPaths) {
    this.allowed = new AllowedPaths(allowedPaths);
  }

  @Override
  public String get(String path, String key) {
    if (path.isEmpty()) {
      throw new ConfigException("directory config provider: a placeholder needs a directory");
    }
    Path dir = allowed.check("directory", path);
    Path file = dir.resolve(key).normalize();
    // Only files directly in the directory, as in Kafka: no "../" escapes, no sub-directories.
    if (!dir.equals(file.getParent()) || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "directory config provider cannot read " + file + ": " + e.getClass().getSimpleName());
    }
  }
}

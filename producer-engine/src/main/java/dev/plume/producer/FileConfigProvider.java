package dev.plume.producer;

import dev.plume.producer.errors.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** {@code ${file:/path/to/file.properties:key}}: a key of a properties file. */
final class FileConfigProvider implements ConfigProvider {

  private final AllowedPaths allowed;
  // One read per file per configuration, even when many keys come from it.
  private final Map<Path, Properties> cache = new HashMap<>();

  FileConfigProvider(List<String> allowedPaths) {
    this.allowed = new AllowedPaths(allowedPaths);
  }

  @Override
  public String get(String path, String key) {
    if (path.isEmpty()) {
      throw new ConfigException("file config provider: a placeholder needs a file path");
    }
    Path file = allowed.check("file", path);
    Properties properties = cache.computeIfAbsent(file, FileConfigProvider::load);
    return properties.getProperty(key);
  }

  private static Properties load(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException(
          "file config provider cannot read " + file + ": " + e.getClass().getSimpleName());
    }
    return p;
  }
}

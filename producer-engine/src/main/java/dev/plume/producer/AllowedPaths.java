package dev.plume.producer;

import dev.plume.producer.errors.ConfigException;
import java.nio.file.Path;
import java.util.List;

/** The {@code allowed.paths} parameter of the file and directory providers (KIP-993). */
final class AllowedPaths {

  private final List<Path> allowed;

  AllowedPaths(List<String> allowedPaths) {
    this.allowed = allowedPaths.stream().map(p -> Path.of(p).toAbsolutePath().normalize()).toList();
  }

  /** The normalized path, if every path is allowed or it lies under an allowed one. */
  Path check(String provider, String path) {
    Path p = Path.of(path).toAbsolutePath().normalize();
    if (allowed.isEmpty() || allowed.stream().anyMatch(p::startsWith)) {
      return p;
    }
    throw new ConfigException(
        "config.providers." + provider + ".param.allowed.paths",
        allowed.toString(),
        "does not allow reading " + path);
  }
}

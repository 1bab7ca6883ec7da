package dev.plume.broker;

import java.nio.file.Path;

/** Where the harness keeps its caches, and how it reads settings given as property or env var. */
final class PlumeDirectories {

  private PlumeDirectories() {}

  /** A system property if set, else an environment variable if set, else null. */
  static String setting(String systemProperty, String environmentVariable) {
    String value = System.getProperty(systemProperty);
    if (value == null || value.isBlank()) {
      value = System.getenv(environmentVariable);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** {@code plume.cache.dir} / {@code PLUME_CACHE_DIR}, else {@code ~/.cache/plume}. */
  static Path cacheDir() {
    String dir = setting("plume.cache.dir", "PLUME_CACHE_DIR");
    return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "plume");
  }

  /** Maven's own {@code maven.repo.local} if set, else {@code ~/.m2/repository}. */
  static Path localMavenRepository() {
    String dir = System.getProperty("maven.repo.local");
    return dir != null && !dir.isBlank()
        ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }
}

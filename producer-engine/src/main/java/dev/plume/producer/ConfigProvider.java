package dev.plume.producer;

/** One source of configuration values named in {@code config.providers}. */
interface ConfigProvider {

  /**
   * The value at {@code path} (empty when the placeholder has none) under {@code key}, or null if
   * there is none.
   *
   * @throws dev.plume.producer.errors.ConfigException if the path may not or cannot be read
   */
  String get(String path, String key);
}

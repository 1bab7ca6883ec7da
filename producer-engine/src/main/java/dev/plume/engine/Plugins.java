package dev.plume.engine;

import dev.plume.producer.Configurable;
import dev.plume.producer.errors.ConfigException;
import java.lang.reflect.InvocationTargetException;

/** Instantiates plug-ins named by class in the configuration, with errors naming the key. */
final class Plugins {

  private Plugins() {}

  static <T> T newInstance(String key, String className, Class<T> type) {
    Class<?> cls;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      cls =
          Class.forName(className, true, loader != null ? loader : Plugins.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigException(key, className, "class not found");
    }
    if (!type.isAssignableFrom(cls)) {
      throw new ConfigException(key, className, "must implement " + type.getName());
    }
    try {
      return type.cast(cls.getDeclaredConstructor().newInstance());
    } catch (NoSuchMethodException e) {
      throw new ConfigException(key, className, "needs a public no-argument constructor");
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
      throw new ConfigException(key, className, "could not be instantiated: " + cause);
    }
  }

  static void configure(Object plugin, java.util.Map<String, ?> originals) {
    if (plugin instanceof Configurable c) {
      c.configure(originals);
    }
  }

  static void closeQuietly(AutoCloseable c, String what, org.slf4j.Logger log) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      log.warn("Failed to close {}", what, e);
    }
  }
}

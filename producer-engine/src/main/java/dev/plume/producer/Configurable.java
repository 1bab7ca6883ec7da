package dev.plume.producer;

import java.util.Map;

/** A plug-in built from a class name in the configuration receives the raw configuration once. */
public interface Configurable {

  /** Called once, before first use, with every configuration entry the producer was given. */
  default void configure(Map<String, ?> configs) {}
}

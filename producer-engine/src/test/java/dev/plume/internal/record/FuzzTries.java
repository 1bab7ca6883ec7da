package dev.plume.internal.record;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets the tries of fuzz properties: 4,000 each by default (16,000 reader cases in all), or {@code
 * -Dplume.fuzz.tries=N} for a long run (see producer-engine/RECORD.md).
 */
public final class FuzzTries implements AroundPropertyHook {

  static final int DEFAULT_TRIES = 4_000;

  @Override
  public PropagationMode propagateTo() {
    // Declared on the test class, it must reach the class's properties.
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public boolean appliesTo(java.util.Optional<java.lang.reflect.AnnotatedElement> element) {
    // Leave properties with an explicit tries count alone.
    return element
        .map(e -> e.getAnnotation(net.jqwik.api.Property.class))
        .map(p -> p.tries() == net.jqwik.api.Property.TRIES_NOT_SET)
        .orElse(false);
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    context.attributes().setTries(Integer.getInteger("plume.fuzz.tries", DEFAULT_TRIES));
    return property.execute();
  }
}

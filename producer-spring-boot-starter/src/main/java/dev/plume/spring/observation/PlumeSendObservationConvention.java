package dev.plume.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a send; declare a bean to replace {@link
 * DefaultPlumeSendObservationConvention} (or extend it to add key values).
 */
public interface PlumeSendObservationConvention extends ObservationConvention<PlumeSendContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof PlumeSendContext;
  }
}

package dev.plume.spring.observation;

import dev.plume.producer.RecordMetadata;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Observation {@value #NAME} with the OpenTelemetry messaging attribute names: low cardinality
 * {@code messaging.system=kafka}, {@code messaging.operation=publish}, {@code
 * messaging.destination.name} (the topic) and {@code plume.template.name}; high cardinality, once
 * the record is acknowledged, {@code messaging.destination.partition.id} and {@code
 * messaging.kafka.offset}. The name differs from the {@code plume.producer.send} timer of the
 * metrics auto-configuration, so both can be on without clashing meters.
 */
public class DefaultPlumeSendObservationConvention implements PlumeSendObservationConvention {

  /** The observation's name (and the name of the timer a meter handler derives from it). */
  public static final String NAME = "plume.producer.observation";

  public static final DefaultPlumeSendObservationConvention INSTANCE =
      new DefaultPlumeSendObservationConvention();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(PlumeSendContext context) {
    return context.getTopic() + " publish";
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(PlumeSendContext context) {
    return KeyValues.of(
        KeyValue.of("messaging.system", "kafka"),
        KeyValue.of("messaging.operation", "publish"),
        KeyValue.of("messaging.destination.name", context.getTopic()),
        KeyValue.of("plume.template.name", context.getTemplateName()));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(PlumeSendContext context) {
    RecordMetadata metadata = context.getMetadata();
    if (metadata == null) {
      return KeyValues.empty();
    }
    return KeyValues.of(
        KeyValue.of("messaging.destination.partition.id", String.valueOf(metadata.partition())),
        KeyValue.of("messaging.kafka.offset", String.valueOf(metadata.offset())));
  }
}

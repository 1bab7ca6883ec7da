package dev.plume.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a rejected producer configuration in terms of the Spring property to change. */
class PlumeProducerConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidPlumeProducerConfigurationException> {

  @Override
  protected FailureAnalysis analyze(
      Throwable rootFailure, InvalidPlumeProducerConfigurationException cause) {
    StringBuilder description =
        new StringBuilder("The Plume producer '")
            .append(cause.clientName())
            .append("' has an invalid configuration.\n\n");
    if (cause.property() != null) {
      description.append("    Property: ").append(cause.property()).append('\n');
    }
    if (cause.kafkaKey() != null) {
      description.append("    Kafka key: ").append(cause.kafkaKey()).append('\n');
    }
    description.append("    Reason: ").append(cause.rule()).append('\n');
    String action =
        cause.property() != null
            ? "Update '" + cause.property() + "' in your application's configuration."
            : "Review the plume.producer.* settings of producer '"
                + cause.clientName()
                + "' that the reason names.";
    return new FailureAnalysis(description.toString(), action, cause);
  }
}

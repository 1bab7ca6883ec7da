package dev.plume.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a failed {@code plume.producer.startup-check=fail} and how to proceed. */
class PlumeStartupCheckFailureAnalyzer extends AbstractFailureAnalyzer<PlumeStartupCheckException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PlumeStartupCheckException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Start the Kafka brokers or fix plume.producer.bootstrap-servers (or"
            + " plume.producer.clients."
            + cause.clientName()
            + ".bootstrap-servers). To start without the brokers, set"
            + " plume.producer.startup-check=warn or none.",
        cause);
  }
}

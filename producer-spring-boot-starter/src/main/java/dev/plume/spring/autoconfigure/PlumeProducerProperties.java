package dev.plume.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code plume.producer.*}: the default producer's settings, the named clients that override them,
 * and the health check thresholds.
 */
@ConfigurationProperties("plume.producer")
public class PlumeProducerProperties extends PlumeClientProperties {

  /**
   * Named producers: each {@code clients.<name>.*} overrides the settings above and yields a
   * ProducerTemplate bean named {@code <name>} (and a Producer bean {@code <name>Producer}).
   */
  private Map<String, PlumeClientProperties> clients = new LinkedHashMap<>();

  /** Health indicator settings. */
  private final Health health = new Health();

  /** The engine swap for spring-kafka applications. */
  private final SpringKafka springKafka = new SpringKafka();

  public SpringKafka getSpringKafka() {
    return springKafka;
  }

  public Map<String, PlumeClientProperties> getClients() {
    return clients;
  }

  public void setClients(Map<String, PlumeClientProperties> clients) {
    this.clients = clients;
  }

  public Health getHealth() {
    return health;
  }

  /** The engine swap for spring-kafka applications. */
  public static class SpringKafka {

    /**
     * Whether spring-kafka's producer factory (KafkaTemplate, KafkaTransactionManager) runs on the
     * Plume engine when spring-kafka and producer-kafka-clients are on the classpath.
     */
    private boolean enabled = true;

    /**
     * Whether the starter's own producer and template (plumeProducer, plumeProducerTemplate) are
     * created beside spring-kafka's while the engine swap is active. Unset: only when
     * plume.producer.bootstrap-servers or plume.producer.template.default-topic is set, so that a
     * plain spring-kafka application opens no idle second producer. Named clients are always
     * created.
     */
    private Boolean defaultClient;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Boolean getDefaultClient() {
      return defaultClient;
    }

    public void setDefaultClient(Boolean defaultClient) {
      this.defaultClient = defaultClient;
    }
  }

  /** Thresholds of the {@code plume} health indicator. */
  public static class Health {

    /** Report DOWN when no broker has answered for this long and no connection is open. */
    private Duration unreachableTimeout = Duration.ofSeconds(30);

    /** Report DOWN when the record buffer has stayed exhausted for this long. */
    private Duration bufferExhaustedTimeout = Duration.ofSeconds(30);

    public Duration getUnreachableTimeout() {
      return unreachableTimeout;
    }

    public void setUnreachableTimeout(Duration unreachableTimeout) {
      this.unreachableTimeout = unreachableTimeout;
    }

    public Duration getBufferExhaustedTimeout() {
      return bufferExhaustedTimeout;
    }

    public void setBufferExhaustedTimeout(Duration bufferExhaustedTimeout) {
      this.bufferExhaustedTimeout = bufferExhaustedTimeout;
    }
  }
}

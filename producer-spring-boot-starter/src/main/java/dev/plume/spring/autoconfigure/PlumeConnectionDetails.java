package dev.plume.spring.autoconfigure;

import java.util.List;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Plume producers connect. When a bean of this type exists (for example one made by
 * {@code @ServiceConnection} on a Testcontainers {@code KafkaContainer}), its bootstrap servers win
 * over {@code plume.producer.bootstrap-servers} for every producer, as Boot's own connection
 * details do; {@link PlumeProducerCustomizer}s still run after it.
 */
public interface PlumeConnectionDetails extends ConnectionDetails {

  /** Broker addresses as host:port. */
  List<String> getBootstrapServers();
}

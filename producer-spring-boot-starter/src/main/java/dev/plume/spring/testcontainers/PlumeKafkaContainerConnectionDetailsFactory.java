package dev.plume.spring.testcontainers;

import dev.plume.spring.autoconfigure.PlumeConnectionDetails;
import java.util.List;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Makes {@code @ServiceConnection} on an {@code org.testcontainers.kafka.KafkaContainer} point the
 * Plume producers at that container. Registered in {@code META-INF/spring.factories}; it only
 * applies when spring-boot-testcontainers and testcontainers-kafka are on the classpath.
 */
class PlumeKafkaContainerConnectionDetailsFactory
    extends ContainerConnectionDetailsFactory<KafkaContainer, PlumeConnectionDetails> {

  PlumeKafkaContainerConnectionDetailsFactory() {
    super(
        ANY_CONNECTION_NAME,
        "dev.plume.spring.autoconfigure.PlumeConnectionDetails",
        "org.testcontainers.kafka.KafkaContainer");
  }

  @Override
  protected PlumeConnectionDetails getContainerConnectionDetails(
      ContainerConnectionSource<KafkaContainer> source) {
    return new ContainerDetails(source);
  }

  /** Reads the address from the started container, lazily, as Boot's own factories do. */
  static final class ContainerDetails extends ContainerConnectionDetails<KafkaContainer>
      implements PlumeConnectionDetails {

    ContainerDetails(ContainerConnectionSource<KafkaContainer> source) {
      super(source);
    }

    @Override
    public List<String> getBootstrapServers() {
      return List.of(getContainer().getBootstrapServers());
    }
  }
}

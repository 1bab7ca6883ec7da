package dev.plume.spring.autoconfigure;

import dev.plume.producer.Partitioner;
import dev.plume.producer.ProducerConfig;
import dev.plume.producer.ProducerInterceptor;
import dev.plume.producer.security.OAuthBearerTokenProvider;
import dev.plume.producer.security.SslContextProvider;
import dev.plume.producer.serialization.Serializer;
import java.util.List;

/**
 * Everything needed to build one producer.
 *
 * @param clientName {@value PlumeClients#DEFAULT_CLIENT} or the named client's name
 * @param config the validated configuration
 * @param keySerializer a Serializer bean or built-in instance, or null when {@code key.serializer}
 *     names a class
 * @param valueSerializer likewise for values
 * @param partitioner the Partitioner bean, or null
 * @param interceptors ProducerInterceptor beans in order
 * @param sslContextProvider TLS contexts from {@code plume.producer.ssl.bundle}, or null to use the
 *     configured stores
 * @param oauthBearerTokenProvider the OAuthBearerTokenProvider bean for OAUTHBEARER, or null
 */
public record PlumeProducerDefinition(
    String clientName,
    ProducerConfig config,
    Serializer<?> keySerializer,
    Serializer<?> valueSerializer,
    Partitioner partitioner,
    List<ProducerInterceptor<?, ?>> interceptors,
    SslContextProvider sslContextProvider,
    OAuthBearerTokenProvider oauthBearerTokenProvider) {

  public PlumeProducerDefinition {
    interceptors = List.copyOf(interceptors);
  }

  /** Without an SSL bundle or token provider. */
  public PlumeProducerDefinition(
      String clientName,
      ProducerConfig config,
      Serializer<?> keySerializer,
      Serializer<?> valueSerializer,
      Partitioner partitioner,
      List<ProducerInterceptor<?, ?>> interceptors) {
    this(clientName, config, keySerializer, valueSerializer, partitioner, interceptors, null, null);
  }
}

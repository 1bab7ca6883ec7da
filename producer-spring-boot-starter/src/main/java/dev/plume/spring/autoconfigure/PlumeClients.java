package dev.plume.spring.autoconfigure;

import dev.plume.producer.Partitioner;
import dev.plume.producer.Producer;
import dev.plume.producer.ProducerConfig;
import dev.plume.producer.ProducerInterceptor;
import dev.plume.producer.errors.ConfigException;
import dev.plume.producer.security.OAuthBearerTokenProvider;
import dev.plume.producer.serialization.Serializer;
import dev.plume.spring.autoconfigure.PlumeClientProperties.StartupCheck;
import dev.plume.spring.autoconfigure.PlumeProducerLifecycle.ManagedProducer;
import dev.plume.spring.core.PooledProducers;
import dev.plume.spring.core.ProducerListener;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.SendObserver;
import dev.plume.spring.core.TransactionalProducerPool;
import dev.plume.spring.json.JsonTypeHeaders;
import dev.plume.spring.observation.PlumeSendObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;

/**
 * Builds the producers and templates of the default client ({@code plume.producer.*}) and of each
 * named client ({@code plume.producer.clients.<name>.*}): merges properties, applies customizers,
 * validates with the engine, picks serializer, partitioner and interceptor beans, and hands each
 * producer to {@link PlumeProducerLifecycle}.
 */
public class PlumeClients {

  /** The client name of the {@code plume.producer.*} producer. */
  public static final String DEFAULT_CLIENT = "default";

  private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_STARTUP_CHECK_TIMEOUT = Duration.ofSeconds(10);

  private final PlumeProducerProperties properties;
  private final Environment environment;
  private final ConfigurableListableBeanFactory beanFactory;
  private final PlumeProducerFactory producerFactory;
  private final PlumeProducerLifecycle lifecycle;
  private final SerializerResolver serializers;

  public PlumeClients(
      PlumeProducerProperties properties,
      Environment environment,
      ConfigurableListableBeanFactory beanFactory,
      PlumeProducerFactory producerFactory,
      PlumeProducerLifecycle lifecycle) {
    this.properties = properties;
    this.environment = environment;
    this.beanFactory = beanFactory;
    this.producerFactory = producerFactory;
    this.lifecycle = lifecycle;
    this.serializers = new SerializerResolver(beanFactory);
  }

  /** The names under {@code plume.producer.clients}. */
  public List<String> clientNames() {
    return List.copyOf(properties.getClients().keySet());
  }

  /**
   * The Kafka-keyed configuration of a client after properties and customizers, not yet validated.
   */
  public Map<String, Object> configFor(String clientName) {
    return resolve(clientName, new HashMap<>());
  }

  /** Builds, and registers for closing, the producer of {@code clientName}. */
  public Producer<Object, Object> producer(String clientName) {
    Map<String, String> origins = new HashMap<>();
    Map<String, Object> raw = resolve(clientName, origins);
    ProducerConfig config = validated(clientName, raw, origins);
    PlumeClientProperties client = client(clientName);
    String bundleName = bundleName(client);
    SslBundles bundles = bundleName == null ? null : sslBundles(clientName, bundleName);
    SslBundleContexts sslContexts =
        bundleName == null ? null : SslBundleContexts.of(bundles, bundleName);
    Producer<Object, Object> producer = create(clientName, client, config, sslContexts, origins);
    if (sslContexts != null) {
      sslContexts.reconnectOnUpdate(bundles, clientName, producer);
    }
    lifecycle.register(
        new ManagedProducer(
            clientName,
            producer,
            String.join(",", config.bootstrapServers()),
            closeTimeout(client),
            firstNonNull(client.getStartupCheck(), properties.getStartupCheck(), StartupCheck.NONE),
            firstNonNull(
                client.getStartupCheckTimeout(),
                properties.getStartupCheckTimeout(),
                DEFAULT_STARTUP_CHECK_TIMEOUT),
            firstNonNull(
                client.getStartupCheckTopic(),
                properties.getStartupCheckTopic(),
                defaultTopic(client))));
    return producer;
  }

  /** Resolves serializers, partitioner and interceptors, and has the factory build a producer. */
  private Producer<Object, Object> create(
      String clientName,
      PlumeClientProperties client,
      ProducerConfig config,
      SslBundleContexts sslContexts,
      Map<String, String> origins) {
    Serializer<?> keySerializer =
        config.keySerializer() != null
            ? null
            : serializers.resolve(
                firstNonNull(client.getKeyType(), properties.getKeyType(), String.class),
                "key",
                clientName);
    Serializer<?> valueSerializer =
        config.valueSerializer() != null
            ? null
            : serializers.resolve(
                firstNonNull(client.getValueType(), properties.getValueType(), String.class),
                "value",
                clientName);
    Partitioner partitioner =
        config.partitionerClass() != null
            ? null
            : beanFactory.getBeanProvider(Partitioner.class).getIfUnique();
    List<ProducerInterceptor<?, ?>> interceptors =
        new ArrayList<>(
            beanFactory
                .getBeanProvider(ProducerInterceptor.class)
                .orderedStream()
                .<ProducerInterceptor<?, ?>>map(i -> i)
                .toList());
    boolean jsonKeys = keySerializer != null && serializers.isJson(keySerializer);
    boolean jsonValues = valueSerializer != null && serializers.isJson(valueSerializer);
    if ((jsonKeys || jsonValues)
        && Boolean.TRUE.equals(
            firstNonNull(
                client.getJson().getAddTypeHeaders(),
                properties.getJson().getAddTypeHeaders(),
                Boolean.FALSE))) {
      // Last, so the header names the class of the value other interceptors may have replaced.
      interceptors.add(new JsonTypeHeaders(jsonKeys, jsonValues));
    }
    PlumeProducerDefinition definition =
        new PlumeProducerDefinition(
            clientName,
            config,
            keySerializer,
            valueSerializer,
            partitioner,
            interceptors,
            sslContexts,
            beanFactory.getBeanProvider(OAuthBearerTokenProvider.class).getIfUnique());
    try {
      return producerFactory.create(definition);
    } catch (ConfigException e) {
      throw invalid(clientName, e, origins);
    }
  }

  private Duration closeTimeout(PlumeClientProperties client) {
    return firstNonNull(
        client.getCloseTimeout(), properties.getCloseTimeout(), DEFAULT_CLOSE_TIMEOUT);
  }

  /** The template of {@code clientName}, sending through {@code producer}. */
  public ProducerTemplate<Object, Object> template(
      String clientName, String templateName, Producer<?, ?> producer) {
    PlumeClientProperties client = client(clientName);
    ProducerTemplate.Builder<Object, Object> builder =
        ProducerTemplate.builder(objectTyped(producer))
            .name(templateName)
            .defaultTopic(defaultTopic(client))
            .transactionalPool(transactionalPool(clientName, templateName, client, producer))
            .allowNonTransactional(allowNonTransactional(client))
            .sendObserver(
                beanFactory
                    .getBeanProvider(SendObserver.class)
                    .getIfAvailable(() -> SendObserver.NONE));
    beanFactory
        .getBeanProvider(ProducerListener.class)
        .orderedStream()
        .forEach(listener -> builder.listener(objectTyped(listener)));
    if (Boolean.TRUE.equals(
        firstNonNull(
            client.getTemplate().getObservationEnabled(),
            properties.getTemplate().getObservationEnabled(),
            Boolean.FALSE))) {
      builder
          .observationRegistry(
              beanFactory.getBeanProvider(ObservationRegistry.class).getIfAvailable())
          .observationConvention(
              beanFactory.getBeanProvider(PlumeSendObservationConvention.class).getIfAvailable());
    }
    return builder.build();
  }

  private boolean allowNonTransactional(PlumeClientProperties client) {
    return firstNonNull(
        client.getTemplate().getAllowNonTransactional(),
        properties.getTemplate().getAllowNonTransactional(),
        Boolean.FALSE);
  }

  /**
   * The pool transactions of {@code clientName} run on: producers {@code <prefix><n>} for a
   * transaction-id-prefix (the client's own only: named clients never inherit the top level's), the
   * producer itself for a transactional-id, else null.
   */
  private TransactionalProducerPool<Object, Object> transactionalPool(
      String clientName,
      String templateName,
      PlumeClientProperties client,
      Producer<?, ?> producer) {
    boolean isDefault = DEFAULT_CLIENT.equals(clientName);
    String prefix =
        isDefault ? properties.getTransactionIdPrefix() : client.getTransactionIdPrefix();
    String property = isDefault ? "plume.producer." : "plume.producer.clients." + clientName + ".";
    Map<String, String> origins = new HashMap<>();
    Map<String, Object> raw = resolve(clientName, origins);
    Object transactionalId = raw.get(ProducerConfig.TRANSACTIONAL_ID);
    ProducerConfig config = validated(clientName, raw, origins);
    Duration acquireTimeout = Duration.ofMillis(config.maxBlockMs());
    if (prefix == null || prefix.isBlank()) {
      if (transactionalId != null && allowNonTransactional(client)) {
        throw new IllegalStateException(
            "Plume producer '"
                + clientName
                + "' has a transactional id and template.allow-non-transactional=true:"
                + " non-transactional sends need a separate non-transactional producer; use a"
                + " transaction-id-prefix instead of the transactional id");
      }
      return transactionalId == null
          ? null
          : TransactionalProducerPool.single(
              templateName, objectTyped(producer), String.valueOf(transactionalId), acquireTimeout);
    }
    if (transactionalId != null) {
      throw new IllegalStateException(
          "Plume producer '"
              + clientName
              + "' sets both "
              + property
              + "transaction-id-prefix and a transactional id ("
              + origins.get(ProducerConfig.TRANSACTIONAL_ID)
              + "): keep only the prefix");
    }
    Integer maxSize =
        isDefault ? properties.getTransactionPoolMaxSize() : client.getTransactionPoolMaxSize();
    if (maxSize != null && maxSize < 1) {
      throw new IllegalStateException(
          property + "transaction-pool-max-size must be at least 1, was " + maxSize);
    }
    // Fails at startup, not at the first transaction, when the settings forbid transactions
    // (acks other than all, idempotence off, ...).
    pooledConfig(clientName, raw, prefix, 0, origins, property);
    SslBundleContexts sslContexts = null;
    String bundleName = bundleName(client);
    if (bundleName != null) {
      sslContexts = SslBundleContexts.of(sslBundles(clientName, bundleName), bundleName);
    }
    SslBundleContexts pooledSsl = sslContexts;
    TransactionalProducerPool<Object, Object> pool =
        TransactionalProducerPool.of(
            templateName,
            prefix,
            index ->
                create(
                    clientName,
                    client,
                    pooledConfig(clientName, raw, prefix, index, new HashMap<>(origins), property),
                    pooledSsl,
                    origins),
            maxSize == null ? 0 : maxSize,
            acquireTimeout);
    lifecycle.registerPool(clientName, pool, closeTimeout(client));
    beanFactory.getBeanProvider(PooledProducers.class).ifAvailable(pooled -> pooled.add(pool));
    if (pooledSsl != null) {
      // Producers made after a reload take the new material; open ones reconnect with it.
      pooledSsl.reconnectOnUpdate(
          sslBundles(clientName, bundleName), templateName + "'s transactional producers", pool);
    }
    return pool;
  }

  /** The configuration of pooled producer {@code index}: {@code transactional.id=<prefix><n>}. */
  private ProducerConfig pooledConfig(
      String clientName,
      Map<String, Object> raw,
      String prefix,
      int index,
      Map<String, String> origins,
      String property) {
    Map<String, Object> pooled = new HashMap<>(raw);
    String transactionalId = prefix + index;
    pooled.put(ProducerConfig.TRANSACTIONAL_ID, transactionalId);
    origins.put(ProducerConfig.TRANSACTIONAL_ID, property + "transaction-id-prefix");
    Object clientId = raw.get(ProducerConfig.CLIENT_ID);
    if (clientId != null) {
      // Distinct client ids, so broker logs and quotas tell the pooled producers apart.
      pooled.put(ProducerConfig.CLIENT_ID, clientId + "-" + transactionalId);
    }
    return validated(clientName, pooled, origins);
  }

  private String bundleName(PlumeClientProperties client) {
    String name = firstNonNull(client.getSsl().getBundle(), properties.getSsl().getBundle(), null);
    return name == null || name.isBlank() ? null : name;
  }

  private SslBundles sslBundles(String clientName, String bundleName) {
    SslBundles bundles = beanFactory.getBeanProvider(SslBundles.class).getIfAvailable();
    if (bundles == null) {
      throw new IllegalStateException(
          "Plume producer '"
              + clientName
              + "' names SSL bundle '"
              + bundleName
              + "' (plume.producer.ssl.bundle) but there is no SslBundles bean: define the bundle"
              + " under spring.ssl.bundle.* with Spring Boot's SSL auto-configuration present");
    }
    return bundles;
  }

  private String defaultTopic(PlumeClientProperties client) {
    return firstNonNull(
        client.getTemplate().getDefaultTopic(), properties.getTemplate().getDefaultTopic(), null);
  }

  /** The named client's properties, or an empty set for the default client. */
  private PlumeClientProperties client(String clientName) {
    if (DEFAULT_CLIENT.equals(clientName)) {
      return new PlumeClientProperties();
    }
    PlumeClientProperties client = properties.getClients().get(clientName);
    if (client == null) {
      throw new IllegalArgumentException(
          "No Plume producer client '"
              + clientName
              + "' under plume.producer.clients (known: "
              + properties.getClients().keySet()
              + ")");
    }
    return client;
  }

  private Map<String, Object> resolve(String clientName, Map<String, String> origins) {
    PlumeClientProperties client = DEFAULT_CLIENT.equals(clientName) ? null : client(clientName);
    List<String> springKafkaServers =
        Binder.get(environment)
            .bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
            .orElse(List.of());
    Map<String, Object> config =
        PlumeConfigMapper.configFor(properties, client, clientName, springKafkaServers, origins);
    // Connection details (e.g. @ServiceConnection on a KafkaContainer) win over properties.
    PlumeConnectionDetails connection =
        beanFactory.getBeanProvider(PlumeConnectionDetails.class).getIfAvailable();
    if (connection != null) {
      config.put("bootstrap.servers", String.join(",", connection.getBootstrapServers()));
      origins.put("bootstrap.servers", "a PlumeConnectionDetails bean");
    }
    String bundleName = bundleName(client == null ? new PlumeClientProperties() : client);
    if (bundleName != null && !config.containsKey(ProducerConfig.SECURITY_PROTOCOL)) {
      // A bundle means TLS: do not make users say it twice.
      config.put(ProducerConfig.SECURITY_PROTOCOL, "SSL");
      origins.put(ProducerConfig.SECURITY_PROTOCOL, "plume.producer.ssl.bundle");
    }
    Map<String, Object> before = new LinkedHashMap<>(config);
    beanFactory
        .getBeanProvider(PlumeProducerCustomizer.class)
        .orderedStream()
        .forEach(customizer -> customizer.customize(clientName, config));
    config.forEach(
        (key, value) -> {
          if (!Objects.equals(before.get(key), value)) {
            origins.put(key, "a PlumeProducerCustomizer bean");
          }
        });
    return config;
  }

  private ProducerConfig validated(
      String clientName, Map<String, Object> raw, Map<String, String> origins) {
    try {
      return ProducerConfig.from(raw);
    } catch (ConfigException e) {
      throw invalid(clientName, e, origins);
    }
  }

  private static InvalidPlumeProducerConfigurationException invalid(
      String clientName, ConfigException e, Map<String, String> origins) {
    String property = null;
    if (e.key() != null) {
      property = origins.get(e.key());
      if (property == null) {
        String typed = PlumeConfigMapper.propertyFor(e.key());
        String prefix =
            DEFAULT_CLIENT.equals(clientName)
                ? "plume.producer."
                : "plume.producer.clients." + clientName + ".";
        property = typed != null ? prefix + typed : prefix + "properties[" + e.key() + "]";
      }
    }
    return new InvalidPlumeProducerConfigurationException(clientName, property, e);
  }

  private static <T> T firstNonNull(T first, T second, T fallback) {
    return first != null ? first : second != null ? second : fallback;
  }

  // Templates are declared ProducerTemplate<?, ?>: the application fixes K and V where it injects
  // one, and the producer's serializers were matched to those types.
  @SuppressWarnings("unchecked")
  private static Producer<Object, Object> objectTyped(Producer<?, ?> producer) {
    return (Producer<Object, Object>) producer;
  }

  // Listener beans hear every template; their generic types are not checked.
  @SuppressWarnings("unchecked")
  private static ProducerListener<Object, Object> objectTyped(ProducerListener<?, ?> listener) {
    return (ProducerListener<Object, Object>) listener;
  }
}

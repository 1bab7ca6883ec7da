package dev.plume.spring.springkafka;

import dev.plume.kafka.PlumeKafkaProducer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.core.ProducerPostProcessor;
import org.springframework.util.StringUtils;

/**
 * spring-kafka's {@link DefaultKafkaProducerFactory} with Plume's engine under it: every raw
 * producer is a {@link PlumeKafkaProducer} made from the same configuration and serializers a
 * {@code KafkaProducer} would have been made from. Everything else is spring-kafka's own: the
 * transactional producer cache and {@code transactionIdPrefix}, producer-per-thread, the close-safe
 * wrappers, {@code maxAge}, listeners (such as Micrometer's {@code KafkaClientMetrics} listener)
 * and post-processors.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class PlumeKafkaProducerFactory<K, V> extends DefaultKafkaProducerFactory<K, V> {

  private volatile ClassLoader applicationClassLoader;

  public PlumeKafkaProducerFactory(Map<String, Object> configs) {
    super(configs);
  }

  public PlumeKafkaProducerFactory(
      Map<String, Object> configs,
      Supplier<Serializer<K>> keySerializerSupplier,
      Supplier<Serializer<V>> valueSerializerSupplier,
      boolean configureSerializers) {
    super(configs, keySerializerSupplier, valueSerializerSupplier, configureSerializers);
  }

  @Override
  public void setApplicationContext(ApplicationContext applicationContext) {
    super.setApplicationContext(applicationContext);
    this.applicationClassLoader = applicationContext.getClassLoader();
  }

  /**
   * As the superclass does for {@code KafkaProducer}: the application's class loader is the context
   * class loader while plug-in classes named in the configuration are loaded, serializers from the
   * suppliers are configured with this factory's configuration when asked to, and post-processors
   * wrap the result.
   */
  @Override
  protected Producer<K, V> createRawProducer(Map<String, Object> rawConfigs) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ClassLoader loader =
        applicationClassLoader != null ? applicationClassLoader : getClass().getClassLoader();
    if (loader != previous) {
      thread.setContextClassLoader(loader);
    }
    try {
      PlumeKafkaProducer<K, V> plume =
          new PlumeKafkaProducer<>(
              rawConfigs,
              serializer(getKeySerializerSupplier(), true),
              serializer(getValueSerializerSupplier(), false));
      // Listeners are then handed spring-kafka's wrapper, from which the engine is not reachable.
      for (Listener<K, V> listener : getListeners()) {
        if (listener instanceof PlumeKafkaProducers producers) {
          producers.rawProducerCreated(plume);
        }
      }
      Producer<K, V> producer = plume;
      for (ProducerPostProcessor<K, V> postProcessor : getPostProcessors()) {
        producer = postProcessor.apply(producer);
      }
      return producer;
    } finally {
      if (loader != previous) {
        thread.setContextClassLoader(previous);
      }
    }
  }

  private <T> Serializer<T> serializer(Supplier<Serializer<T>> supplier, boolean isKey) {
    Serializer<T> serializer = supplier == null ? null : supplier.get();
    if (serializer != null && isConfigureSerializers()) {
      serializer.configure(getConfigurationProperties(), isKey);
    }
    return serializer;
  }

  /**
   * The superclass makes a plain {@code DefaultKafkaProducerFactory} here, which would put a
   * template with configuration overrides back on {@code KafkaProducer}; this copy stays on Plume
   * and carries the same settings the superclass copies.
   */
  @Override
  public ProducerFactory<K, V> copyWithConfigurationOverride(Map<String, Object> overrides) {
    Map<String, Object> configs = new HashMap<>(getConfigurationProperties());
    configs.putAll(overrides);
    String prefix = getTransactionIdPrefix();
    // The constructor turns transactional.id into the copy's transaction id prefix.
    if (StringUtils.hasText(prefix)
        && !configs.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
      configs.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix);
    }
    PlumeKafkaProducerFactory<K, V> copy =
        new PlumeKafkaProducerFactory<>(
            configs,
            getKeySerializerSupplier(),
            getValueSerializerSupplier(),
            isConfigureSerializers());
    copy.setPhysicalCloseTimeout((int) getPhysicalCloseTimeout().getSeconds());
    copy.setProducerPerThread(isProducerPerThread());
    getPostProcessors().forEach(copy::addPostProcessor);
    getListeners().forEach(copy::addListener);
    ClassLoader loader = applicationClassLoader;
    copy.applicationClassLoader = loader;
    return copy;
  }
}

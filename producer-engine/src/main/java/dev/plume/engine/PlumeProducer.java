package dev.plume.engine;

import dev.plume.clock.Clock;
import dev.plume.producer.Callback;
import dev.plume.producer.ConsumerGroupMetadata;
import dev.plume.producer.OffsetAndMetadata;
import dev.plume.producer.PartitionInfo;
import dev.plume.producer.Partitioner;
import dev.plume.producer.Producer;
import dev.plume.producer.ProducerConfig;
import dev.plume.producer.ProducerInterceptor;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.ProducerStats;
import dev.plume.producer.RecordMetadata;
import dev.plume.producer.TopicPartition;
import dev.plume.producer.serialization.Serializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * The Plume producer. Construct it from a Kafka-style configuration map, or with {@link
 * #builder(ProducerConfig)} to pass serializer, partitioner and interceptor instances.
 */
public final class PlumeProducer<K, V> implements Producer<K, V> {

  private final ProducerConfig config;

  /** Serializers and plug-ins are built from the class names in the configuration. */
  public PlumeProducer(Map<String, ?> configs) {
    this(PlumeProducer.<K, V>builder(ProducerConfig.from(configs)));
  }

  public PlumeProducer(Properties properties) {
    this(PlumeProducer.<K, V>builder(ProducerConfig.from(properties)));
  }

  public PlumeProducer(
      Map<String, ?> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    this(
        PlumeProducer.<K, V>builder(ProducerConfig.from(configs))
            .keySerializer(keySerializer)
            .valueSerializer(valueSerializer));
  }

  private PlumeProducer(Builder<K, V> builder) {
    this.config = builder.config;
  }

  public static <K, V> Builder<K, V> builder(ProducerConfig config) {
    return new Builder<>(config);
  }

  /** The validated configuration this producer runs with. */
  public ProducerConfig config() {
    return config;
  }

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record) {
    return send(record, null);
  }

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public void flush() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public void initTransactions() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public void beginTransaction() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public void sendOffsetsToTransaction(
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public void commitTransaction() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public void abortTransaction() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public ProducerStats metrics() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  @Override
  public void close() {
    close(Duration.ofMillis(Long.MAX_VALUE));
  }

  @Override
  public void close(Duration timeout) {}

  /** Builds a producer from a validated configuration plus plug-in instances. */
  public static final class Builder<K, V> {

    private final ProducerConfig config;
    private Serializer<K> keySerializer;
    private Serializer<V> valueSerializer;
    private Partitioner partitioner;
    private final List<ProducerInterceptor<K, V>> interceptors = new ArrayList<>();
    private Clock clock = Clock.system();

    private Builder(ProducerConfig config) {
      this.config = config;
    }

    /** Overrides {@code key.serializer}; the instance is configured with the originals. */
    public Builder<K, V> keySerializer(Serializer<K> serializer) {
      this.keySerializer = serializer;
      return this;
    }

    /** Overrides {@code value.serializer}. */
    public Builder<K, V> valueSerializer(Serializer<V> serializer) {
      this.valueSerializer = serializer;
      return this;
    }

    /** Overrides {@code partitioner.class}. */
    public Builder<K, V> partitioner(Partitioner partitioner) {
      this.partitioner = partitioner;
      return this;
    }

    /** Adds an interceptor after those of {@code interceptor.classes}, in call order. */
    public Builder<K, V> interceptor(ProducerInterceptor<K, V> interceptor) {
      this.interceptors.add(interceptor);
      return this;
    }

    /** For tests: the clock every deadline is measured with. */
    public Builder<K, V> clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public PlumeProducer<K, V> build() {
      return new PlumeProducer<>(this);
    }
  }
}

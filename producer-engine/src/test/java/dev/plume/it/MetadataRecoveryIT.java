package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.broker.ClusterSpec;
import dev.plume.broker.KafkaCluster;
import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.StringSerializer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * metadata.recovery.strategy against real brokers: every broker the producers know is replaced by a
 * new cluster on new ports, reachable only through the bootstrap address (a forwarder standing for
 * a DNS name). With {@code rebootstrap} the producer finds the new brokers and sends; with {@code
 * none} it keeps asking the brokers it knew and its records expire, exactly as kafka-clients (run
 * side by side in the same test) behaves.
 */
class MetadataRecoveryIT {

  @Test
  void rebootstrapFindsReplacedBrokersNoneDoesNotAsKafkaClients() throws Exception {
    String topic = "recovery-" + UUID.randomUUID();
    KafkaCluster first = TestBrokers.startDedicated(ClusterSpec.singleNode());
    try (SwitchableProxy bootstrap = new SwitchableProxy(first.bootstrapServers())) {
      createTopic(first.bootstrapServers(), topic);
      Map<String, Object> base = new HashMap<>();
      base.put("bootstrap.servers", bootstrap.address());
      base.put("linger.ms", "0");
      base.put("request.timeout.ms", "5000");
      base.put("delivery.timeout.ms", "12000");
      base.put("max.block.ms", "12000");
      base.put("reconnect.backoff.max.ms", "1000");

      try (PlumeProducer<String, String> plumeRebootstrap = plume(base, "rebootstrap");
          PlumeProducer<String, String> plumeNone = plume(base, "none");
          KafkaProducer<String, String> kafkaRebootstrap = kafka(base, "rebootstrap");
          KafkaProducer<String, String> kafkaNone = kafka(base, "none")) {
        plumeRebootstrap.send(new ProducerRecord<>(topic, "before")).get(30, TimeUnit.SECONDS);
        plumeNone.send(new ProducerRecord<>(topic, "before")).get(30, TimeUnit.SECONDS);
        kafkaRebootstrap.send(kafkaRecord(topic)).get(30, TimeUnit.SECONDS);
        kafkaNone.send(kafkaRecord(topic)).get(30, TimeUnit.SECONDS);

        first.close(); // every known broker is gone
        try (KafkaCluster second = TestBrokers.startDedicated(ClusterSpec.singleNode())) {
          createTopic(second.bootstrapServers(), topic);
          bootstrap.switchTo(second.bootstrapServers());

          Future<?> plumeRe = plumeRebootstrap.send(new ProducerRecord<>(topic, "after"));
          Future<?> plumeNo = plumeNone.send(new ProducerRecord<>(topic, "after"));
          Future<?> kafkaRe = kafkaRebootstrap.send(kafkaRecord(topic));
          Future<?> kafkaNo = kafkaNone.send(kafkaRecord(topic));

          kafkaRe.get(30, TimeUnit.SECONDS);
          plumeRe.get(30, TimeUnit.SECONDS);
          assertThatThrownBy(() -> kafkaNo.get(30, TimeUnit.SECONDS))
              .isInstanceOf(ExecutionException.class)
              .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
          assertThatThrownBy(() -> plumeNo.get(30, TimeUnit.SECONDS))
              .isInstanceOf(ExecutionException.class)
              .hasCauseInstanceOf(dev.plume.producer.errors.TimeoutException.class);
          assertThat(plumeNone.metrics().connectionCount()).isZero();
        }
      }
    } finally {
      first.close();
    }
  }

  private static PlumeProducer<String, String> plume(Map<String, Object> base, String strategy) {
    Map<String, Object> config = new HashMap<>(base);
    config.put("metadata.recovery.strategy", strategy);
    config.put("client.id", "plume-" + strategy);
    return new PlumeProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static KafkaProducer<String, String> kafka(Map<String, Object> base, String strategy) {
    Map<String, Object> config = new HashMap<>(base);
    config.put("metadata.recovery.strategy", strategy);
    config.put("client.id", "kafka-" + strategy);
    return new KafkaProducer<>(
        config,
        new org.apache.kafka.common.serialization.StringSerializer(),
        new org.apache.kafka.common.serialization.StringSerializer());
  }

  private static org.apache.kafka.clients.producer.ProducerRecord<String, String> kafkaRecord(
      String topic) {
    return new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "v");
  }

  private static void createTopic(String bootstrapServers, String topic) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }
}

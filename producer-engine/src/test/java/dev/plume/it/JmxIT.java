package dev.plume.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.serialization.StringSerializer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Plume's MBeans read through the platform MBeanServer after a run against a real broker, next to
 * kafka-clients' own: same object names, and every Plume attribute name exists in Kafka's MBean.
 */
class JmxIT {

  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

  private static Set<String> attributeNames(ObjectName name) throws Exception {
    Set<String> names = new TreeSet<>();
    for (MBeanAttributeInfo a : SERVER.getMBeanInfo(name).getAttributes()) {
      names.add(a.getName());
    }
    return names;
  }

  @Test
  void mbeansMatchKafkaClientsNamesAndCountTheRecordsSent() throws Exception {
    String bootstrap = TestBrokers.bootstrapServers();
    String topic = "jmx-" + UUID.randomUUID();
    Map<String, Object> common = new HashMap<>();
    common.put("bootstrap.servers", bootstrap);
    Map<String, Object> plumeConfig = new HashMap<>(common);
    plumeConfig.put("client.id", "plume-jmx");
    Map<String, Object> kafkaConfig = new HashMap<>(common);
    kafkaConfig.put("client.id", "kafka-jmx");

    try (PlumeProducer<String, String> plume =
            new PlumeProducer<>(plumeConfig, new StringSerializer(), new StringSerializer());
        KafkaProducer<String, String> kafka =
            new KafkaProducer<>(
                kafkaConfig,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
      for (int i = 0; i < 500; i++) {
        plume.send(new ProducerRecord<>(topic, "k" + i, "v"));
        kafka.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "k" + i, "v"));
      }
      plume.flush();
      kafka.flush();
      plume.send(new ProducerRecord<>(topic, "last", "v")).get(30, TimeUnit.SECONDS);

      ObjectName plumeMetrics =
          new ObjectName("kafka.producer:type=producer-metrics,client-id=plume-jmx");
      ObjectName kafkaMetrics =
          new ObjectName("kafka.producer:type=producer-metrics,client-id=kafka-jmx");
      assertThat((Double) SERVER.getAttribute(plumeMetrics, "record-send-total")).isEqualTo(501.0);
      assertThat((Double) SERVER.getAttribute(kafkaMetrics, "record-send-total")).isEqualTo(500.0);

      Set<String> plumeNames = attributeNames(plumeMetrics);
      Set<String> kafkaNames = attributeNames(kafkaMetrics);
      assertThat(plumeNames).hasSizeGreaterThan(20);
      assertThat(kafkaNames).containsAll(plumeNames);

      for (String type : new String[] {"producer-topic-metrics", "producer-node-metrics"}) {
        Set<ObjectName> plumeBeans =
            SERVER.queryNames(
                new ObjectName("kafka.producer:type=" + type + ",client-id=plume-jmx,*"), null);
        Set<ObjectName> kafkaBeans =
            SERVER.queryNames(
                new ObjectName("kafka.producer:type=" + type + ",client-id=kafka-jmx,*"), null);
        assertThat(plumeBeans).as(type).isNotEmpty();
        assertThat(keys(plumeBeans)).as(type).isEqualTo(keys(kafkaBeans));
        assertThat(attributeNames(kafkaBeans.iterator().next()))
            .as(type)
            .containsAll(attributeNames(plumeBeans.iterator().next()));
      }
      ObjectName plumeTopic =
          new ObjectName(
              "kafka.producer:type=producer-topic-metrics,client-id=plume-jmx,topic=" + topic);
      assertThat((Double) SERVER.getAttribute(plumeTopic, "record-send-total")).isEqualTo(501.0);
    }
    // Closed: unregistered.
    assertThat(SERVER.queryNames(new ObjectName("kafka.producer:client-id=plume-jmx,*"), null))
        .isEmpty();
  }

  @Test
  void emptyMetricReportersRegistersNothing() throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", TestBrokers.bootstrapServers());
    config.put("client.id", "plume-no-jmx");
    config.put("metric.reporters", "");
    try (PlumeProducer<String, String> plume =
        new PlumeProducer<>(config, new StringSerializer(), new StringSerializer())) {
      plume.send(new ProducerRecord<>("jmx-off", "v")).get(30, TimeUnit.SECONDS);
      assertThat(SERVER.queryNames(new ObjectName("kafka.producer:client-id=plume-no-jmx,*"), null))
          .isEmpty();
    }
  }

  /** The key names of each object name besides client-id (node-id, topic), as a set. */
  private static Set<String> keys(Set<ObjectName> names) {
    Set<String> keys = new TreeSet<>();
    for (ObjectName n : names) {
      keys.addAll(Arrays.asList(n.getKeyPropertyList().keySet().toArray(new String[0])));
    }
    return keys;
  }
}

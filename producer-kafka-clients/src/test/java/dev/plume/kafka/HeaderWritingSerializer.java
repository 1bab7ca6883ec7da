package dev.plume.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.ClusterResource;
import org.apache.kafka.common.ClusterResourceListener;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Upper-cases the value and says so in a header, as schema-aware serializers add theirs. */
public class HeaderWritingSerializer implements Serializer<String>, ClusterResourceListener {

  static volatile String clusterId;

  static void reset() {
    clusterId = null;
  }

  @Override
  public byte[] serialize(String topic, String data) {
    return data == null ? null : data.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, String data) {
    headers.add("content-type", "text/plain".getBytes(StandardCharsets.UTF_8));
    return serialize(topic, data);
  }

  @Override
  public void onUpdate(ClusterResource clusterResource) {
    clusterId = clusterResource.clusterId();
  }
}

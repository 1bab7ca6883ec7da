package dev.plume.producer.serialization;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * UTF-8 by default; {@code key.serializer.encoding} / {@code value.serializer.encoding} or {@code
 * serializer.encoding} choose another charset, as in Kafka.
 */
public final class StringSerializer implements Serializer<String> {

  private volatile Charset charset = StandardCharsets.UTF_8;

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Object name = configs.get(isKey ? "key.serializer.encoding" : "value.serializer.encoding");
    if (name == null) {
      name = configs.get("serializer.encoding");
    }
    if (name != null) {
      charset = Charset.forName(name.toString());
    }
  }

  @Override
  public byte[] serialize(String topic, String data) {
    return data == null ? null : data.getBytes(charset);
  }
}

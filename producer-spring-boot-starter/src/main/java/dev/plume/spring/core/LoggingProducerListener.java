package dev.plume.spring.core;

import dev.plume.producer.ProducerRecord;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every failed send at ERROR with its topic, partition (when chosen), key (abbreviated) and
 * the exception, so that failures of sends whose future nobody reads are still seen. The starter
 * registers one unless the application declares its own {@link ProducerListener} or sets {@code
 * plume.producer.template.log-failures=false}. Values are never logged: they may hold personal data
 * and can be large.
 */
public class LoggingProducerListener<K, V> implements ProducerListener<K, V> {

  /** Keys longer than this (as text) are cut, so one bad record cannot flood the log. */
  public static final int MAX_KEY_CHARS = 100;

  private static final Logger log = LoggerFactory.getLogger(LoggingProducerListener.class);

  @Override
  public void onError(ProducerRecord<K, V> record, Exception exception) {
    log.error(
        "Failed to send a record to topic {}{} with key {}",
        record.topic(),
        record.partition() == null ? "" : " partition " + record.partition(),
        abbreviate(record.key()),
        exception);
  }

  static String abbreviate(Object key) {
    if (key == null) {
      return "null";
    }
    // Binary keys: their size says enough, their bytes would garble the log.
    if (key instanceof byte[] bytes) {
      return "byte[" + bytes.length + "]";
    }
    if (key instanceof ByteBuffer buffer) {
      return "ByteBuffer[" + buffer.remaining() + "]";
    }
    String text = String.valueOf(key);
    return text.length() <= MAX_KEY_CHARS
        ? "'" + text + "'"
        : "'" + text.substring(0, MAX_KEY_CHARS) + "...' (" + text.length() + " chars)";
  }

  @Override
  public String toString() {
    return "LoggingProducerListener";
  }
}

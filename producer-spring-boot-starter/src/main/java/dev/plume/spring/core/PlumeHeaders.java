package dev.plume.spring.core;

/**
 * Names of the Spring {@code Message} headers {@link ProducerTemplate#send(
 * org.springframework.messaging.Message)} reads to address a record. They are the names
 * spring-kafka's {@code KafkaHeaders} uses, so messages built for a {@code KafkaTemplate} send the
 * same way here, without a spring-kafka dependency.
 */
public final class PlumeHeaders {

  /** The topic (a String); without it the template's default topic is used. */
  public static final String TOPIC = "kafka_topic";

  /** The record key; must be of the template's key type. */
  public static final String KEY = "kafka_messageKey";

  /** The partition (an Integer or other Number); without it the partitioner chooses. */
  public static final String PARTITION = "kafka_partitionId";

  /** Also read as the partition, for messages built with this shorter name. */
  public static final String PARTITION_SHORT = "kafka_partition";

  /** The record's CreateTime in epoch milliseconds (a Long or other Number). */
  public static final String TIMESTAMP = "kafka_timestamp";

  private PlumeHeaders() {}
}

package dev.plume.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code sample.*}: what the sample sends and whether it starts its own broker. */
@ConfigurationProperties("sample")
public class SampleProperties {

  /**
   * Start a Kafka broker in a child JVM and point plume.producer.bootstrap-servers at it. Ignored
   * when plume.producer.bootstrap-servers is set.
   */
  private boolean embeddedBroker = true;

  /** Keep the application running after sending instead of exiting. */
  private boolean keepRunning;

  /** Topic the records are sent to. */
  private String topic = "plume-sample";

  /** How many records to send. */
  private int recordCount = 10;

  public boolean isEmbeddedBroker() {
    return embeddedBroker;
  }

  public void setEmbeddedBroker(boolean embeddedBroker) {
    this.embeddedBroker = embeddedBroker;
  }

  public boolean isKeepRunning() {
    return keepRunning;
  }

  public void setKeepRunning(boolean keepRunning) {
    this.keepRunning = keepRunning;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public int getRecordCount() {
    return recordCount;
  }

  public void setRecordCount(int recordCount) {
    this.recordCount = recordCount;
  }
}

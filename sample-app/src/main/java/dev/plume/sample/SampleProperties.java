package dev.plume.sample;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code sample.*}: what the sample sends and whether it starts its own broker. */
@ConfigurationProperties("sample")
public class SampleProperties {

  /**
   * Start a Kafka broker in a child JVM and point plume.producer.bootstrap-servers at it. Ignored
   * when plume.producer.bootstrap-servers is set.
   */
  private boolean embeddedBroker = true;

  /**
   * Exit after the demo records are sent instead of serving HTTP. Off by default: the app is a web
   * server and runs until stopped.
   */
  private boolean exitAfterDemo;

  /** Topic the records are sent to. */
  private String topic = "plume-sample";

  /** How many demo records to send at startup (0: none). */
  private int demoRecords;

  /** How long POST /api/messages/{topic} waits for the broker's acknowledgement. */
  private Duration ackTimeout = Duration.ofSeconds(10);

  public boolean isEmbeddedBroker() {
    return embeddedBroker;
  }

  public void setEmbeddedBroker(boolean embeddedBroker) {
    this.embeddedBroker = embeddedBroker;
  }

  public boolean isExitAfterDemo() {
    return exitAfterDemo;
  }

  public void setExitAfterDemo(boolean exitAfterDemo) {
    this.exitAfterDemo = exitAfterDemo;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public int getDemoRecords() {
    return demoRecords;
  }

  public void setDemoRecords(int demoRecords) {
    this.demoRecords = demoRecords;
  }

  public Duration getAckTimeout() {
    return ackTimeout;
  }

  public void setAckTimeout(Duration ackTimeout) {
    this.ackTimeout = ackTimeout;
  }
}

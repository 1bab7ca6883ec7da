package dev.plume.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A web app that starts an embedded Kafka broker (unless a bootstrap server is given) and sends
 * records posted to {@code /api/messages/{topic}} through the Plume starter's {@code
 * ProducerTemplate}; actuator health, metrics and prometheus on the same port. {@code
 * sample.demo-records=N} sends N records at startup and prints a summary; with {@code
 * sample.exit-after-demo=true} it then exits.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

  public static void main(String[] args) {
    ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
    if (context.getBean(SampleProperties.class).isExitAfterDemo()) {
      // Closing the context flushes and closes the producer, then stops the embedded broker.
      System.exit(SpringApplication.exit(context));
    }
  }
}

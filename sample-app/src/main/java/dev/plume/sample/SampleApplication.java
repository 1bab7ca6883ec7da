package dev.plume.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts an embedded Kafka broker (unless a bootstrap server is given), sends records through the
 * Plume starter's {@code ProducerTemplate}, prints a summary and exits; {@code
 * sample.keep-running=true} keeps it up.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

  public static void main(String[] args) {
    ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
    if (!context.getBean(SampleProperties.class).isKeepRunning()) {
      // Closing the context flushes and closes the producer, then stops the embedded broker.
      System.exit(SpringApplication.exit(context));
    }
  }
}

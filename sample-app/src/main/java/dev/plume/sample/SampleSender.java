package dev.plume.sample;

import dev.plume.producer.Header;
import dev.plume.producer.RecordMetadata;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.SendResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Sends {@code sample.demo-records} (default 0: none) keyed records with headers, waits for every
 * acknowledgement, logs the metadata and prints a summary with the producer's health and send
 * timer.
 */
@Component
public class SampleSender implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(SampleSender.class);

  private final ProducerTemplate<String, String> template;
  private final SampleProperties properties;
  private final ObjectProvider<MeterRegistry> meterRegistry;
  private final ObjectProvider<HealthContributor> plumeHealth;
  private volatile SendSummary summary;

  public SampleSender(
      ProducerTemplate<String, String> template,
      SampleProperties properties,
      ObjectProvider<MeterRegistry> meterRegistry,
      @Qualifier("plumeHealthContributor") ObjectProvider<HealthContributor> plumeHealth) {
    this.template = template;
    this.properties = properties;
    this.meterRegistry = meterRegistry;
    this.plumeHealth = plumeHealth;
  }

  /** The result of the last run, or null before it. */
  public SendSummary summary() {
    return summary;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    String topic = properties.getTopic();
    int count = properties.getDemoRecords();
    if (count <= 0) {
      return;
    }
    long startNanos = System.nanoTime();
    List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sends.add(
          template.send(
              topic,
              null,
              null,
              "key-" + (i % 4),
              "hello from Plume #" + i,
              List.of(
                  Header.of("sample-seq", Integer.toString(i)), Header.of("source", "sample"))));
    }
    Map<Integer, Integer> perPartition = new TreeMap<>();
    Map<Integer, Long> lastOffset = new TreeMap<>();
    for (CompletableFuture<SendResult<String, String>> send : sends) {
      SendResult<String, String> result = send.get(60, TimeUnit.SECONDS);
      RecordMetadata metadata = result.metadata();
      log.info(
          "key={} -> {}-{} offset {}",
          result.record().key(),
          metadata.topic(),
          metadata.partition(),
          metadata.offset());
      perPartition.merge(metadata.partition(), 1, Integer::sum);
      lastOffset.merge(metadata.partition(), metadata.offset(), Math::max);
    }
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    summary = new SendSummary(topic, count, perPartition, lastOffset, elapsedMs);
    printSummary();
  }

  private void printSummary() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%n=== Plume sample: %d records acknowledged on topic '%s' in %d ms%n",
            summary.recordsAcknowledged(), summary.topic(), summary.elapsedMs()));
    out.append("    records per partition: ").append(summary.recordsPerPartition()).append('\n');
    out.append("    last offset per partition: ")
        .append(summary.lastOffsetPerPartition())
        .append('\n');
    HealthContributor health = plumeHealth.getIfAvailable();
    if (health instanceof HealthIndicator indicator) {
      out.append("    health (plume): ").append(indicator.health().getStatus()).append('\n');
    }
    MeterRegistry registry = meterRegistry.getIfAvailable();
    if (registry != null) {
      Search.in(registry)
          .name("plume.producer.send")
          .timers()
          .forEach(
              timer ->
                  out.append(
                      String.format(
                          "    timer plume.producer.send %s: count=%d mean=%.2f ms%n",
                          timer.getId().getTag("result"),
                          timer.count(),
                          timer.mean(TimeUnit.MILLISECONDS))));
    }
    System.out.println(out);
  }
}

package dev.plume.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.errors.ProducerFencedException;
import dev.plume.spring.autoconfigure.StubProducer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReplacingProducerTest {

  private final List<StubProducer> created = new ArrayList<>();

  private ReplacingProducer<Object, Object> replacing(boolean transactional) {
    StubProducer first = new StubProducer();
    created.add(first);
    return new ReplacingProducer<>(
        "orders",
        first,
        () -> {
          StubProducer next = new StubProducer();
          created.add(next);
          return next;
        },
        transactional);
  }

  @Test
  void aHealthyProducerIsKept() {
    ReplacingProducer<Object, Object> producer = replacing(false);
    producer.send(new ProducerRecord<>("t", "v"));
    producer.send(new ProducerRecord<>("t", "v"));
    assertThat(created).hasSize(1);
    assertThat(created.get(0).sent).hasSize(2);
    assertThat(producer.replacementsTotal()).isZero();
  }

  @Test
  void aFatallyFailedProducerIsClosedAndReplacedAtTheNextSendWithAWarn() {
    Logger logger = (Logger) LoggerFactory.getLogger(ReplacingProducer.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    try {
      ReplacingProducer<Object, Object> producer = replacing(false);
      created.get(0).fatalError = new ProducerFencedException("fenced");
      // Until the next use, the failed producer's state shows (health DOWN with the reason).
      assertThat(producer.fatalError()).isInstanceOf(ProducerFencedException.class);

      producer.send(new ProducerRecord<>("t", "v"));

      assertThat(created).hasSize(2);
      assertThat(created.get(0).calls).anyMatch(c -> c.startsWith("close"));
      assertThat(created.get(1).sent).hasSize(1);
      assertThat(producer.current()).isSameAs(created.get(1));
      assertThat(producer.fatalError()).isNull();
      assertThat(producer.replacementsTotal()).isEqualTo(1);
      assertThat(logs.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .singleElement()
          .extracting(ILoggingEvent::getFormattedMessage)
          .asString()
          .contains("'orders' failed fatally", "fenced");
    } finally {
      logger.detachAppender(logs);
    }
  }

  @Test
  void aTransactionalProducerIsReplacedOnlyAtTheNextTransactionAndInitialisedFirst() {
    ReplacingProducer<Object, Object> producer = replacing(true);
    producer.initTransactions();
    producer.beginTransaction();
    created.get(0).fatalError = new ProducerFencedException("fenced");

    producer.send(new ProducerRecord<>("t", "v")); // inside the transaction: no replacement
    assertThat(created).hasSize(1);

    producer.beginTransaction();

    assertThat(created).hasSize(2);
    assertThat(created.get(1).calls).containsSequence("initTransactions", "beginTransaction");
    assertThat(producer.replacementsTotal()).isEqualTo(1);
  }
}

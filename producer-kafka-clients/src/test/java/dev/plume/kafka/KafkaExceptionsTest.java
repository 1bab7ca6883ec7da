package dev.plume.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.producer.errors.AuthenticationException;
import dev.plume.producer.errors.AuthorizationException;
import dev.plume.producer.errors.BrokerErrorException;
import dev.plume.producer.errors.ConfigException;
import dev.plume.producer.errors.CorruptRecordException;
import dev.plume.producer.errors.FatalTransactionException;
import dev.plume.producer.errors.InterruptException;
import dev.plume.producer.errors.InvalidProducerEpochException;
import dev.plume.producer.errors.InvalidRecordException;
import dev.plume.producer.errors.NetworkException;
import dev.plume.producer.errors.OutOfOrderSequenceException;
import dev.plume.producer.errors.PlumeException;
import dev.plume.producer.errors.ProducerClosedException;
import dev.plume.producer.errors.ProducerFencedException;
import dev.plume.producer.errors.ProtocolViolationException;
import dev.plume.producer.errors.RecordTooLargeException;
import dev.plume.producer.errors.SerializationException;
import dev.plume.producer.errors.TimeoutException;
import dev.plume.producer.errors.TransactionAbortableException;
import dev.plume.producer.errors.UnsupportedVersionException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.network.InvalidReceiveException;
import org.junit.jupiter.api.Test;

/** Every exception of the engine's tree, mapped to the kafka-clients type for the same cause. */
class KafkaExceptionsTest {

  /** One engine exception of each kind, with a message shaped as the engine shapes it. */
  private static final Map<PlumeException, Class<? extends RuntimeException>> CASES =
      Map.ofEntries(
          Map.entry(
              new TimeoutException("Expiring 3 record(s) for t-0: 120001 ms has passed"),
              org.apache.kafka.common.errors.TimeoutException.class),
          Map.entry(
              new RecordTooLargeException("too large"),
              org.apache.kafka.common.errors.RecordTooLargeException.class),
          Map.entry(
              new SerializationException("bad"),
              org.apache.kafka.common.errors.SerializationException.class),
          Map.entry(
              new ProducerFencedException("fenced"),
              org.apache.kafka.common.errors.ProducerFencedException.class),
          Map.entry(
              new InvalidProducerEpochException("epoch"),
              org.apache.kafka.common.errors.InvalidProducerEpochException.class),
          Map.entry(
              new TransactionAbortableException("abort it"),
              org.apache.kafka.common.errors.TransactionAbortableException.class),
          Map.entry(
              new OutOfOrderSequenceException("OUT_OF_ORDER_SEQUENCE_NUMBER (45)"),
              org.apache.kafka.common.errors.OutOfOrderSequenceException.class),
          Map.entry(
              new AuthorizationException(
                  "Not authorized to write to t-0: TOPIC_AUTHORIZATION_FAILED (29)"),
              TopicAuthorizationException.class),
          Map.entry(
              new AuthorizationException(
                  "The cluster refused an idempotent write: CLUSTER_AUTHORIZATION_FAILED (31)"),
              ClusterAuthorizationException.class),
          Map.entry(
              new AuthorizationException(
                  "InitProducerId was refused with TRANSACTIONAL_ID_AUTHORIZATION_FAILED (53)"),
              TransactionalIdAuthorizationException.class),
          Map.entry(
              new AuthorizationException(
                  "TxnOffsetCommit was refused with GROUP_AUTHORIZATION_FAILED (30)"),
              GroupAuthorizationException.class),
          Map.entry(
              new AuthorizationException("no code in this message"),
              org.apache.kafka.common.errors.AuthorizationException.class),
          Map.entry(
              new AuthenticationException("TLS handshake with b:9093 failed: bad cert"),
              SslAuthenticationException.class),
          Map.entry(
              new AuthenticationException("SASL SCRAM-SHA-512 authentication failed"),
              SaslAuthenticationException.class),
          Map.entry(
              new InvalidRecordException("The broker refused records: INVALID_RECORD (87)"),
              org.apache.kafka.common.InvalidRecordException.class),
          Map.entry(
              new InvalidRecordException("The broker refused records: INVALID_TIMESTAMP (32)"),
              InvalidTimestampException.class),
          Map.entry(
              new FatalTransactionException("EndTxn failed with INVALID_TXN_STATE (48)"),
              InvalidTxnStateException.class),
          Map.entry(new FatalTransactionException("no code"), KafkaException.class),
          Map.entry(
              new CorruptRecordException("crc"),
              org.apache.kafka.common.errors.CorruptRecordException.class),
          Map.entry(
              new NetworkException("connection closed"),
              org.apache.kafka.common.errors.NetworkException.class),
          Map.entry(
              new UnsupportedVersionException("no common version"),
              org.apache.kafka.common.errors.UnsupportedVersionException.class),
          Map.entry(
              new ConfigException("acks", "x", "must be all, -1, 0 or 1"),
              org.apache.kafka.common.config.ConfigException.class),
          Map.entry(new ProtocolViolationException("bad frame"), InvalidReceiveException.class),
          Map.entry(
              new BrokerErrorException(
                  (short) 19, "NOT_ENOUGH_REPLICAS", true, "the broker refused the batch"),
              NotEnoughReplicasException.class),
          Map.entry(
              new BrokerErrorException((short) 17, "INVALID_TOPIC_EXCEPTION", false, "bad name"),
              InvalidTopicException.class),
          Map.entry(
              new BrokerErrorException((short) -1, "UNKNOWN_SERVER_ERROR", true, "missing"),
              UnknownServerException.class),
          Map.entry(new PlumeException("cannot encode"), KafkaException.class));

  @Test
  void everyEngineExceptionMapsToKafkasTypeKeepingMessageAndCause() {
    CASES.forEach(
        (plume, expected) -> {
          RuntimeException k = KafkaExceptions.translate(plume);
          assertThat(k).as(plume.toString()).isExactlyInstanceOf(expected);
          assertThat(k.getMessage()).contains(plume.getMessage());
          assertThat(k.getCause()).isSameAs(plume);
        });
  }

  @Test
  void theCasesCoverEveryClassOfTheEnginesErrorTree() throws Exception {
    URL location = PlumeException.class.getProtectionDomain().getCodeSource().getLocation();
    Path dir = Path.of(location.toURI()).resolve("dev/plume/producer/errors");
    List<String> engineTypes;
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        engineTypes =
            files
                .map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".class") && !n.startsWith("package-info"))
                .map(n -> "dev.plume.producer.errors." + n.replace(".class", ""))
                .toList();
      }
    } else {
      try (java.util.jar.JarFile jar =
          new java.util.jar.JarFile(Path.of(location.toURI()).toFile())) {
        engineTypes =
            jar.stream()
                .map(java.util.jar.JarEntry::getName)
                .filter(
                    n ->
                        n.startsWith("dev/plume/producer/errors/")
                            && n.endsWith(".class")
                            && !n.contains("package-info"))
                .map(n -> n.replace('/', '.').replace(".class", ""))
                .toList();
      }
    }
    assertThat(engineTypes).isNotEmpty();
    List<String> covered =
        Stream.concat(
                CASES.keySet().stream().map(e -> e.getClass().getName()),
                // Mapped without a case above: tested below, or abstract-like bases.
                Stream.of(
                    InterruptException.class.getName(),
                    ProducerClosedException.class.getName(),
                    dev.plume.producer.errors.RetriableException.class.getName()))
            .toList();
    for (String type : engineTypes) {
      Class<?> c = Class.forName(type);
      if (Modifier.isAbstract(c.getModifiers())) {
        continue;
      }
      assertThat(covered).as("a mapping test for " + type).contains(type);
    }
  }

  @Test
  void aRetriableEngineFailureWithoutMoreDetailIsStillAKafkaException() {
    RuntimeException k =
        KafkaExceptions.translate(new dev.plume.producer.errors.RetriableException("x"));
    assertThat(k).isInstanceOf(KafkaException.class);
  }

  @Test
  void interruptsBecomeKafkasInterruptExceptionAndKeepTheFlag() {
    InterruptException plume =
        new InterruptException("Interrupted while flushing", new InterruptedException());
    RuntimeException k = KafkaExceptions.translate(plume);
    assertThat(k).isInstanceOf(org.apache.kafka.common.errors.InterruptException.class);
    assertThat(Thread.interrupted()).isTrue(); // set again; cleared here for the next test
  }

  @Test
  void aClosedProducerIsIllegalStateOnSendAndAForcedCloseKafkaExceptionOnRecords() {
    ProducerClosedException closed = new ProducerClosedException("closed");
    assertThat(KafkaExceptions.forSend(closed))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot perform operation after producer has been closed");
    assertThat(KafkaExceptions.forRecord(closed))
        .isExactlyInstanceOf(KafkaException.class)
        .hasMessageContaining("Producer is closed forcefully");
  }

  @Test
  void whatIsNotTheEnginesPassesThroughAsItIs() {
    IllegalStateException state = new IllegalStateException("no transaction");
    assertThat(KafkaExceptions.translate(state)).isSameAs(state);
    KafkaException api = new org.apache.kafka.common.errors.SerializationException("from a serde");
    assertThat(KafkaExceptions.forSend(api)).isSameAs(api);
  }
}

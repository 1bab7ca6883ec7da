package dev.plume.kafka;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.network.InvalidReceiveException;
import org.apache.kafka.common.protocol.Errors;

/**
 * Turns the engine's exceptions into the kafka-clients types {@code KafkaProducer} uses for the
 * same cause, keeping the engine's message (which names the topic, partition and setting) and the
 * engine's exception as the cause.
 *
 * <p>Where the engine keeps the broker's error code, the type comes from Kafka's own {@link Errors}
 * table, so every broker error maps exactly as in kafka-clients. Exceptions that are not the
 * engine's (serializer and interceptor failures, {@code IllegalStateException}) pass through
 * unchanged, as {@code KafkaProducer} lets them through.
 */
final class KafkaExceptions {

  /** The engine names broker errors as {@code NAME (code)}, Kafka's {@code Errors} names. */
  private static final Pattern ERROR_NAME = Pattern.compile("\\b([A-Z][A-Z_]+) \\((-?\\d+)\\)");

  private static final String CLOSED_MESSAGE =
      "Cannot perform operation after producer has been closed";

  private KafkaExceptions() {}

  /**
   * For an exception thrown while {@code send} runs, before the record is queued. Per {@code
   * KafkaProducer}: an {@link ApiException} then fails the returned future, anything else is
   * thrown.
   */
  static RuntimeException forSend(RuntimeException e) {
    if (e instanceof ProducerClosedException) {
      // KafkaProducer: send() on a closed producer throws IllegalStateException.
      IllegalStateException closed = new IllegalStateException(CLOSED_MESSAGE, e);
      return closed;
    }
    return translate(e);
  }

  /**
   * For a failure reported through a record's callback and future (the record was queued): a record
   * failed because the producer closed gets Kafka's forced-close {@link KafkaException}.
   */
  static RuntimeException forRecord(Exception e) {
    if (e instanceof ProducerClosedException) {
      return withCause(new KafkaException("Producer is closed forcefully. " + e.getMessage()), e);
    }
    if (e instanceof RuntimeException re) {
      return translate(re);
    }
    return new KafkaException(e.getMessage(), e);
  }

  /** For transactional methods, {@code partitionsFor} and {@code flush}. */
  static RuntimeException forCall(RuntimeException e) {
    if (e instanceof ProducerClosedException) {
      return withCause(new IllegalStateException(CLOSED_MESSAGE + ": " + e.getMessage()), e);
    }
    return translate(e);
  }

  /** The kafka-clients exception for an engine exception; others are returned as they are. */
  static RuntimeException translate(RuntimeException e) {
    if (!(e instanceof PlumeException)) {
      return e;
    }
    String m = e.getMessage();
    RuntimeException k;
    if (e instanceof BrokerErrorException b) {
      k = Errors.forCode(b.errorCode()).exception(m);
      if (b.errorCode() == -1) {
        k = new org.apache.kafka.common.errors.UnknownServerException(m);
      }
    } else if (e instanceof TimeoutException) {
      k = new org.apache.kafka.common.errors.TimeoutException(m);
    } else if (e instanceof RecordTooLargeException) {
      k = new org.apache.kafka.common.errors.RecordTooLargeException(m);
    } else if (e instanceof SerializationException) {
      k = new org.apache.kafka.common.errors.SerializationException(m);
    } else if (e instanceof InvalidProducerEpochException) {
      k = new org.apache.kafka.common.errors.InvalidProducerEpochException(m);
    } else if (e instanceof ProducerFencedException) {
      k = new org.apache.kafka.common.errors.ProducerFencedException(m);
    } else if (e instanceof TransactionAbortableException) {
      k = new org.apache.kafka.common.errors.TransactionAbortableException(m);
    } else if (e instanceof OutOfOrderSequenceException) {
      k = new org.apache.kafka.common.errors.OutOfOrderSequenceException(m);
    } else if (e instanceof AuthorizationException) {
      k = fromErrorName(m, new org.apache.kafka.common.errors.AuthorizationException(m));
    } else if (e instanceof AuthenticationException) {
      // The engine's TLS handshake failures name TLS; every other one is a SASL exchange.
      k =
          m != null && m.contains("TLS")
              ? new SslAuthenticationException(m)
              : new SaslAuthenticationException(m);
    } else if (e instanceof InvalidRecordException) {
      k = fromErrorName(m, new org.apache.kafka.common.InvalidRecordException(m));
    } else if (e instanceof FatalTransactionException) {
      k = fromErrorName(m, new KafkaException(m));
    } else if (e instanceof CorruptRecordException) {
      k = new org.apache.kafka.common.errors.CorruptRecordException(m);
    } else if (e instanceof NetworkException) {
      k = new org.apache.kafka.common.errors.NetworkException(m);
    } else if (e instanceof UnsupportedVersionException) {
      k = new org.apache.kafka.common.errors.UnsupportedVersionException(m);
    } else if (e instanceof ConfigException) {
      k = new org.apache.kafka.common.config.ConfigException(m);
    } else if (e instanceof InterruptException) {
      // The engine already set the thread's interrupt flag again, as Kafka's type does too.
      InterruptedException cause =
          e.getCause() instanceof InterruptedException ie ? ie : new InterruptedException(m);
      k = new org.apache.kafka.common.errors.InterruptException(m, cause);
      return k;
    } else if (e instanceof ProtocolViolationException) {
      // kafka-clients reports bytes that break the protocol as an invalid receive.
      k = new InvalidReceiveException(m);
    } else if (e instanceof ProducerClosedException) {
      k = new IllegalStateException(CLOSED_MESSAGE + ": " + m);
    } else {
      // Engine faults without a more specific Kafka type (e.g. a request it could not encode):
      // KafkaProducer reports those as a plain KafkaException too.
      k = new KafkaException(m);
    }
    return withCause(k, e);
  }

  /** The exception of the Kafka error the message names ({@code NAME (code)}), else fallback. */
  private static RuntimeException fromErrorName(String message, RuntimeException fallback) {
    if (message != null) {
      Matcher matcher = ERROR_NAME.matcher(message);
      while (matcher.find()) {
        Errors error = Errors.forCode(Short.parseShort(matcher.group(2)));
        if (error.name().equals(matcher.group(1)) && error != Errors.NONE) {
          return error.exception(message);
        }
      }
    }
    return fallback;
  }

  private static RuntimeException withCause(RuntimeException k, Throwable cause) {
    if (k.getCause() == null) {
      try {
        k.initCause(cause);
      } catch (IllegalStateException alreadySet) {
        // Some Kafka exception types set their cause (null) in the constructor: keep it.
      }
    }
    return k;
  }
}

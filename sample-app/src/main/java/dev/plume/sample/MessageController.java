package dev.plume.sample;

import dev.plume.producer.RecordMetadata;
import dev.plume.producer.errors.AuthorizationException;
import dev.plume.producer.errors.InvalidRecordException;
import dev.plume.producer.errors.RecordTooLargeException;
import dev.plume.producer.errors.SerializationException;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.SendResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/messages/{topic}?key=...} with the value as the text body: sends one record
 * through the {@link ProducerTemplate}, waits for the broker's acknowledgement (at most {@code
 * sample.ack-timeout}) and answers where it was written.
 */
@RestController
@RequestMapping("/api/messages")
public class MessageController {

  private static final Logger log = LoggerFactory.getLogger(MessageController.class);

  private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private final ProducerTemplate<String, String> template;
  private final SampleProperties properties;

  public MessageController(ProducerTemplate<String, String> template, SampleProperties properties) {
    this.template = template;
    this.properties = properties;
  }

  /** Where the record was written. */
  public record SentMessage(String topic, int partition, long offset, long timestamp) {
    static SentMessage of(RecordMetadata metadata) {
      return new SentMessage(
          metadata.topic(), metadata.partition(), metadata.offset(), metadata.timestampMs());
    }
  }

  /** Why a send failed; {@code error} is the exception's simple class name. */
  public record SendError(int status, String error, String message) {}

  @PostMapping("/{topic}")
  public SentMessage send(
      @PathVariable String topic,
      @RequestParam(required = false) String key,
      @RequestBody(required = false) String value)
      throws Exception {
    requireLegalTopic(topic);
    CompletableFuture<SendResult<String, String>> send = template.send(topic, key, value);
    try {
      return SentMessage.of(
          send.get(properties.getAckTimeout().toMillis(), TimeUnit.MILLISECONDS).metadata());
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  /**
   * Kafka's topic name rule (1 to 249 of [a-zA-Z0-9._-], not "." or ".."), checked here because the
   * producer would otherwise wait max.block for metadata the broker refuses to create.
   */
  private static void requireLegalTopic(String topic) {
    if (!LEGAL_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(
          "Illegal topic name '"
              + topic
              + "': use 1 to 249 characters among a-z, A-Z, 0-9, '.', '_' and '-'");
    }
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<SendError> onError(Exception error) {
    HttpStatus status = statusOf(error);
    if (status.is5xxServerError()) {
      log.warn("Send failed: {}", error.toString());
    }
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    return ResponseEntity.status(status)
        .body(new SendError(status.value(), error.getClass().getSimpleName(), message));
  }

  /** The template wraps the engine's error in a SendFailedException; answer for the root one. */
  private static Exception unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    while (cause != null && cause.getCause() != null && !isClientError(cause)) {
      cause = cause.getCause();
    }
    return cause instanceof Exception exception ? exception : e;
  }

  private static HttpStatus statusOf(Exception error) {
    if (isClientError(error)) {
      return HttpStatus.BAD_REQUEST;
    }
    if (error instanceof AuthorizationException) {
      return HttpStatus.FORBIDDEN;
    }
    if (error instanceof TimeoutException
        || error instanceof dev.plume.producer.errors.TimeoutException) {
      return HttpStatus.GATEWAY_TIMEOUT;
    }
    return HttpStatus.BAD_GATEWAY;
  }

  private static boolean isClientError(Throwable error) {
    return error instanceof IllegalArgumentException
        || error instanceof RecordTooLargeException
        || error instanceof InvalidRecordException
        || error instanceof SerializationException
        || error instanceof org.springframework.web.bind.MissingServletRequestParameterException
        || error instanceof org.springframework.http.converter.HttpMessageNotReadableException;
  }
}

package dev.plume.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.RetriableException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void everyKafkaClientsErrorIsKnownWithTheSameClassification() {
    for (org.apache.kafka.common.protocol.Errors kafka :
        org.apache.kafka.common.protocol.Errors.values()) {
      assertThat(Errors.isKnown(kafka.code())).as(kafka.name()).isTrue();
      Errors ours = Errors.forCode(kafka.code());
      assertThat(ours.name()).isEqualTo(kafka.name());
      assertThat(ours.code()).isEqualTo(kafka.code());
      Exception exception = kafka.exception();
      assertThat(ours.retriable())
          .as(kafka.name() + " retriable")
          .isEqualTo(exception instanceof RetriableException);
      assertThat(ours.invalidatesMetadata())
          .as(kafka.name() + " invalidates metadata")
          .isEqualTo(exception instanceof InvalidMetadataException);
      assertThat(ours.message()).isNotBlank();
    }
  }

  @Test
  void producerErrorsClassifiedAsTheProtocolNotesSay() {
    assertThat(Errors.NOT_LEADER_OR_FOLLOWER.retriable()).isTrue();
    assertThat(Errors.NOT_LEADER_OR_FOLLOWER.invalidatesMetadata()).isTrue();
    assertThat(Errors.NOT_ENOUGH_REPLICAS.invalidatesMetadata()).isFalse();
    assertThat(Errors.CORRUPT_MESSAGE.retriable()).isTrue();
    assertThat(Errors.MESSAGE_TOO_LARGE.retriable()).isFalse();
    assertThat(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.retriable()).isFalse();
    assertThat(Errors.forCode(0).isNone()).isTrue();
    assertThat(Errors.forCode(-1)).isSameAs(Errors.UNKNOWN_SERVER_ERROR);
  }

  @Test
  void unknownCodesAreNotRetriedAndKeepTheirNumberInMessages() {
    assertThat(Errors.isKnown(4242)).isFalse();
    assertThat(Errors.forCode(4242)).isSameAs(Errors.UNKNOWN_SERVER_ERROR);
    assertThat(Errors.forCode(4242).retriable()).isFalse();
    assertThat(Errors.describe(4242)).isEqualTo("UNKNOWN_ERROR_CODE (4242)");
    assertThat(Errors.nameOf(-5)).isEqualTo(Errors.UNKNOWN_NAME);
    assertThat(Errors.describe(29)).isEqualTo("TOPIC_AUTHORIZATION_FAILED (29)");
  }

  @Test
  void everyConstantHasItsOwnCode() {
    for (Errors e : Errors.values()) {
      assertThat(Errors.forCode(e.code())).isSameAs(e);
    }
  }
}

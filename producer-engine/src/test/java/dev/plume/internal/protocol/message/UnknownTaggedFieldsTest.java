package dev.plume.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.internal.protocol.ProtocolReader;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.junit.jupiter.api.Test;

/** Tags a newer broker may add are skipped at every struct level. */
class UnknownTaggedFieldsTest {

  private static RawTaggedField raw(int tag, int size) {
    byte[] data = new byte[size];
    java.util.Arrays.fill(data, (byte) 0xAB);
    return new RawTaggedField(tag, data);
  }

  @Test
  void produceResponseSkipsUnknownTagsEverywhere() {
    for (short v = 9; v <= 13; v++) {
      ProduceResponse expected = Samples.produceResponse(v);
      ProduceResponseData data = (ProduceResponseData) KafkaOracle.toKafka(expected, v);
      data.unknownTaggedFields().add(raw(5, 3));
      data.unknownTaggedFields().add(raw(300, 200));
      for (ProduceResponseData.TopicProduceResponse topic : data.responses()) {
        topic.unknownTaggedFields().add(raw(1, 0));
        for (ProduceResponseData.PartitionProduceResponse p : topic.partitionResponses()) {
          p.unknownTaggedFields().add(raw(9, 4));
          if (v >= 10) {
            p.currentLeader().unknownTaggedFields().add(raw(2, 1));
          }
        }
      }
      byte[] bytes = KafkaOracle.serialize(data, v);
      ProtocolReader r = new ProtocolReader(ByteBuffer.wrap(bytes));
      assertThat(ProduceResponse.read(r, v)).isEqualTo(expected);
      assertThat(r.remaining()).isZero();
    }
  }

  @Test
  void metadataResponseSkipsUnknownTagsEverywhere() {
    for (short v = 9; v <= 13; v++) {
      MetadataResponse expected = Samples.metadataResponse(v);
      MetadataResponseData data = (MetadataResponseData) KafkaOracle.toKafka(expected, v);
      data.unknownTaggedFields().add(raw(40, 2));
      data.brokers().forEach(b -> b.unknownTaggedFields().add(raw(0, 5)));
      for (MetadataResponseData.MetadataResponseTopic t : data.topics()) {
        t.unknownTaggedFields().add(raw(3, 1));
        t.partitions().forEach(p -> p.unknownTaggedFields().add(raw(7, 7)));
      }
      byte[] bytes = KafkaOracle.serialize(data, v);
      assertThat(MetadataResponse.read(new ProtocolReader(ByteBuffer.wrap(bytes)), v))
          .isEqualTo(expected);
    }
  }

  @Test
  void produceV13RequiresTopicIds() {
    ProduceRequest byName =
        new ProduceRequest(
            null,
            (short) 1,
            100,
            List.of(
                new ProduceRequest.TopicData(
                    "orders",
                    MetadataRequest.ZERO_UUID,
                    List.of(new ProduceRequest.PartitionData(0, null)))));
    assertThat(byName.hasAllTopicIds()).isFalse();
    assertThatThrownBy(
            () -> byName.write(new dev.plume.internal.protocol.ProtocolWriter(), (short) 13))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orders");
    assertThat(Samples.produceRequest((short) 13).hasAllTopicIds()).isTrue();
  }
}

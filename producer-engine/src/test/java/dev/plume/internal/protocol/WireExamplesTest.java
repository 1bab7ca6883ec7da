package dev.plume.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.protocol.message.ApiVersionsRequest;
import dev.plume.internal.protocol.message.ProduceRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-checked wire dumps (ApiVersions v4, Produce v9), byte for byte. */
class WireExamplesTest {

  private static String hexAscii(String s) {
    return Hex.of(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void apiVersionsV4RequestMatchesTheReferenceDump() {
    ProtocolWriter w = new ProtocolWriter(8);
    new RequestHeader(ApiKey.API_VERSIONS, (short) 4, 1, "cli").write(w);
    new ApiVersionsRequest("apache-kafka-java", "4.1.1").write(w, (short) 4);

    String expected =
        "0012 0004 00000001 0003 636c69 00"
            + "12"
            + hexAscii("apache-kafka-java")
            + "06"
            + hexAscii("4.1.1")
            + "00";
    assertThat(Hex.of(w.toByteArray())).isEqualTo(Hex.of(Hex.parse(expected)));
  }

  @Test
  void produceV9RequestMatchesTheReferenceDump() {
    byte[] batch = new byte[70];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = (byte) (i * 7 + 1);
    }
    ByteBuffer records = ByteBuffer.wrap(batch);
    ProtocolWriter w = new ProtocolWriter(8);
    new RequestHeader(ApiKey.PRODUCE, (short) 9, 7, "cli").write(w);
    new ProduceRequest(
            null,
            (short) -1,
            30000,
            List.of(
                new ProduceRequest.TopicData(
                    "t", null, List.of(new ProduceRequest.PartitionData(0, records)))))
        .write(w, (short) 9);

    String expected =
        "0000 0009 00000007 0003 636c69 00 | 00 ffff 00007530 02 02 74 02 00000000 47"
            + Hex.of(batch)
            + "00 00 00";
    assertThat(Hex.of(w.toByteArray())).isEqualTo(Hex.of(Hex.parse(expected)));
    assertThat(records.position()).as("the batch buffer's position is untouched").isZero();
  }
}

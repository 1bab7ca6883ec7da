package dev.plume.internal.sender;

import static dev.plume.internal.sender.SenderFixture.TP0;
import static dev.plume.internal.sender.SenderFixture.TP1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.network.FakeNetworkClient.SentRequest;
import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.Hex;
import dev.plume.internal.protocol.message.ProduceRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Produce request as the sender's own encoder ({@link ProduceRequestBody}, the hot path) writes
 * it, at every version it can negotiate (3-12), checked against kafka-clients: kafka-clients parses
 * our bytes into the fields we meant and writes exactly the same bytes back.
 */
class ProduceRequestBodyCrossCheckTest {

  static Stream<Short> versions() {
    return IntStream.rangeClosed(ApiKey.PRODUCE.minVersion(), 12).mapToObj(v -> (short) v);
  }

  @ParameterizedTest(name = "Produce v{0}")
  @MethodSource("versions")
  void senderBytesEqualKafkaClients(short version) {
    SenderFixture f = new SenderFixture();
    f.client.setMaxVersion(ApiKey.PRODUCE, version);
    f.startUp();
    f.append(TP0, "a");
    f.append(TP1, "b\u00e9");
    f.append(TP1, "c");
    f.runOnce();
    SentRequest sent = f.lastProduce();
    assertThat(sent.version()).isEqualTo(version);

    ProduceRequestData kafka =
        new ProduceRequestData(new ByteBufferAccessor(ByteBuffer.wrap(sent.body())), version);
    assertThat(kafka.acks()).isEqualTo((short) -1);
    assertThat(kafka.timeoutMs()).isEqualTo(30_000);
    assertThat(kafka.transactionalId()).isNull();
    List<String> partitions = new ArrayList<>();
    kafka
        .topicData()
        .forEach(t -> t.partitionData().forEach(p -> partitions.add(t.name() + "-" + p.index())));
    assertThat(partitions).containsExactlyInAnyOrder("t-0", "t-1");
    // The record batches are carried byte for byte: compare with our own decoder's view.
    ProduceRequest ours = sent.decode(ProduceRequest::read);
    kafka
        .topicData()
        .forEach(
            t ->
                t.partitionData()
                    .forEach(
                        p -> {
                          ByteBuffer expected =
                              ours.topicData().get(0).partitionData().stream()
                                  .filter(o -> o.index() == p.index())
                                  .findFirst()
                                  .orElseThrow()
                                  .records();
                          assertThat(
                                  ((org.apache.kafka.common.record.MemoryRecords) p.records())
                                      .buffer())
                              .isEqualTo(expected);
                        }));

    ObjectSerializationCache cache = new ObjectSerializationCache();
    ByteBuffer rewritten = ByteBuffer.allocate(kafka.size(cache, version));
    kafka.write(new ByteBufferAccessor(rewritten), cache, version);
    assertThat(Hex.of(sent.body())).isEqualTo(Hex.of(rewritten.array()));
  }
}

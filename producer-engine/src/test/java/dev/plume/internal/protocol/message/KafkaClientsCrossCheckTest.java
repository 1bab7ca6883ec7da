package dev.plume.internal.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.internal.protocol.Hex;
import java.util.List;
import org.apache.kafka.common.protocol.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte-exact cross-checks against kafka-clients' generated message classes (test-scope oracle): our
 * requests serialize to exactly the bytes kafka-clients writes for the same fields, our response
 * decoders read what kafka-clients writes, and kafka-clients reads what we write.
 */
class KafkaClientsCrossCheckTest {

  static List<Samples.Case> requests() {
    return Samples.requests();
  }

  static List<Samples.Case> responses() {
    return Samples.responses();
  }

  static List<Samples.Case> all() {
    return Samples.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void requestBytesEqualKafkaClients(Samples.Case c) {
    Message oracle = KafkaOracle.toKafka(c.message(), c.version());
    assertThat(Hex.of(c.encode())).isEqualTo(Hex.of(KafkaOracle.serialize(oracle, c.version())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("all")
  void weDecodeWhatKafkaClientsEncodes(Samples.Case c) {
    Message oracle = KafkaOracle.toKafka(c.message(), c.version());
    assertThat(c.decode(KafkaOracle.serialize(oracle, c.version()))).isEqualTo(c.message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("all")
  void kafkaClientsDecodesWhatWeEncode(Samples.Case c) throws Exception {
    Message oracle = KafkaOracle.toKafka(c.message(), c.version());
    assertThat(KafkaOracle.parse(oracle, c.encode(), c.version())).isEqualTo(oracle);
  }
}

package dev.plume.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientKindTest {

  @Test
  void kafkaClientsRunsWithoutPlumeOnlySettings() {
    Map<String, Object> configs =
        Map.of("bootstrap.servers", "b:9092", "plume.batching.adaptive", "true", "acks", "1");

    assertThat(ClientKind.withoutPlumeSettings(configs))
        .containsOnlyKeys("bootstrap.servers", "acks");
    assertThat(configs).containsKey("plume.batching.adaptive");
  }
}

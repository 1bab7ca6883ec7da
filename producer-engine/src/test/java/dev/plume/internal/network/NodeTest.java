package dev.plume.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTest {

  @Test
  void bootstrapServersGetNegativeIdsInOrder() {
    List<Node> nodes = Node.bootstrap(List.of("a:9092", " b.example:19092 ", "[::1]:9093"));
    assertThat(nodes)
        .containsExactly(
            new Node(-1, "a", 9092, null),
            new Node(-2, "b.example", 19092, null),
            new Node(-3, "::1", 9093, null));
    assertThat(nodes).allMatch(Node::isBootstrap);
    assertThat(nodes.get(2).address()).isEqualTo("[::1]:9093");
    assertThat(new Node(3, "h", 1).isBootstrap()).isFalse();
  }

  @Test
  void malformedAddressesAreRejectedWithTheEntry() {
    assertThatThrownBy(() -> Node.bootstrap(List.of("nohost"))).hasMessageContaining("'nohost'");
    assertThatThrownBy(() -> Node.bootstrap(List.of("h:port"))).hasMessageContaining("bad port");
    assertThatThrownBy(() -> new Node(1, "h", 70000)).hasMessageContaining("70000");
  }
}

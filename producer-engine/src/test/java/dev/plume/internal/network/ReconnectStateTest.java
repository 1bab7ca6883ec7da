package dev.plume.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.errors.NetworkException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconnectStateTest {

  private static final Node NODE = new Node(1, "broker", 9092);

  private final AtomicInteger resolutions = new AtomicInteger();
  private final InetAddress first = address(10, 0, 0, 1);
  private final InetAddress second = address(10, 0, 0, 2);
  private final HostResolver twoAddresses =
      host -> {
        resolutions.incrementAndGet();
        return new InetAddress[] {first, second};
      };

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void rotatesThroughTheResolvedAddressesThenResolvesAgainForTheNextRound() throws Exception {
    ReconnectState state = new ReconnectState();

    assertThat(state.startAttempt(NODE, twoAddresses, true))
        .isEqualTo(new InetSocketAddress(first, 9092));
    assertThat(state.maybeNextAddress()).isEqualTo(first);
    assertThat(state.startAttempt(NODE, twoAddresses, true))
        .isEqualTo(new InetSocketAddress(second, 9092));
    assertThat(state.maybeNextAddress()).as("round over").isNull();
    assertThat(resolutions).hasValue(1);

    assertThat(state.startAttempt(NODE, twoAddresses, true))
        .isEqualTo(new InetSocketAddress(first, 9092));
    assertThat(resolutions).as("a new round resolves again").hasValue(2);
  }

  @Test
  void withoutUseAllDnsIpsOnlyTheFirstAddressIsTried() throws Exception {
    ReconnectState state = new ReconnectState();

    assertThat(state.startAttempt(NODE, twoAddresses, false))
        .isEqualTo(new InetSocketAddress(first, 9092));
    assertThat(state.maybeNextAddress()).isNull();
  }

  @Test
  void anEmptyResolutionIsAnUnknownHost() {
    ReconnectState state = new ReconnectState();

    assertThatThrownBy(() -> state.startAttempt(NODE, host -> new InetAddress[0], true))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("broker");
  }

  @Test
  void backOffRemembersTheFailureUntilAConnectionSucceeds() throws Exception {
    ReconnectState state = new ReconnectState();
    assertThat(state.mayConnect(0)).isTrue();
    NetworkException cause = new NetworkException("refused");

    state.startAttempt(NODE, twoAddresses, true);
    state.backOff(cause, 50, 1_000);

    assertThat(state.failedAttempts()).isEqualTo(1);
    assertThat(state.lastAttemptFailed()).isTrue();
    assertThat(state.lastFailure()).isSameAs(cause);
    assertThat(state.mayConnect(1_049)).isFalse();
    assertThat(state.backoffDelayMs(1_020)).isEqualTo(30);
    assertThat(state.mayConnect(1_050)).isTrue();
    assertThat(state.backoffDelayMs(2_000)).isZero();

    state.startAttempt(NODE, twoAddresses, true);
    assertThat(state.lastAttemptFailed()).as("a new attempt started").isFalse();
    assertThat(state.lastFailure()).as("still reported until success").isSameAs(cause);

    state.succeeded();
    assertThat(state.failedAttempts()).isZero();
    assertThat(state.lastFailure()).isNull();
  }
}

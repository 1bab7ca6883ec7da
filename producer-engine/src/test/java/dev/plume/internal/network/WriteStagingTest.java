package dev.plume.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WriteStagingTest {

  private static ByteBuffer heap(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
  }

  private static String text(ByteBuffer b) {
    byte[] bytes = new byte[b.remaining()];
    b.duplicate().get(bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  @Test
  void stagesTheRangeInOrderWithoutMovingTheSources() {
    ByteBuffer[] srcs = {heap("skip"), heap("abc"), heap(""), heap("defg")};
    WriteStaging staging = new WriteStaging(64);

    ByteBuffer staged = staging.stage(srcs, 1, 3);

    assertThat(staged.isDirect()).isTrue();
    assertThat(text(staged)).isEqualTo("abcdefg");
    assertThat(srcs[1].position()).isZero();
    assertThat(srcs[3].position()).isZero();
  }

  @Test
  void stagesAsMuchAsFitsAndStartsFromTheSourcesPositions() {
    ByteBuffer first = heap("xxabc");
    first.position(2);
    ByteBuffer[] srcs = {first, heap("defgh")};
    WriteStaging staging = new WriteStaging(6);

    assertThat(text(staging.stage(srcs, 0, 2))).isEqualTo("abcdef");
    // Reused: a second staging starts from an empty stage.
    assertThat(text(staging.stage(srcs, 1, 1))).isEqualTo("defgh");
  }

  @Test
  void advanceMovesTheSourcesByWhatWasWrittenAcrossSegmentBoundaries() {
    ByteBuffer[] srcs = {heap("abc"), heap(""), heap("defg"), heap("hi")};

    WriteStaging.advance(srcs, 0, 4, 5);

    assertThat(srcs[0].hasRemaining()).isFalse();
    assertThat(text(srcs[2])).isEqualTo("fg");
    assertThat(text(srcs[3])).isEqualTo("hi");

    WriteStaging.advance(srcs, 2, 2, 0);
    assertThat(text(srcs[2])).isEqualTo("fg");

    WriteStaging.advance(srcs, 2, 2, 4);
    assertThat(srcs[2].hasRemaining()).isFalse();
    assertThat(srcs[3].hasRemaining()).isFalse();
  }

  @Test
  void aPartialWriteThenRestagingContinuesWhereTheSocketStopped() {
    ByteBuffer[] srcs = {heap("hello "), heap("world")};
    WriteStaging staging = new WriteStaging(8);

    ByteBuffer staged = staging.stage(srcs, 0, 2);
    assertThat(text(staged)).isEqualTo("hello wo");
    WriteStaging.advance(srcs, 0, 2, 3); // the socket took "hel"

    assertThat(text(staging.stage(srcs, 0, 2))).isEqualTo("lo world");
  }

  @Test
  void onlyAllDirectSourcesSkipStaging() {
    ByteBuffer direct = ByteBuffer.allocateDirect(4);
    assertThat(WriteStaging.anyHeap(new ByteBuffer[] {direct, direct}, 0, 2)).isFalse();
    assertThat(WriteStaging.anyHeap(new ByteBuffer[] {direct, heap("a")}, 0, 2)).isTrue();
    assertThat(WriteStaging.anyHeap(new ByteBuffer[] {heap("a"), direct}, 1, 1)).isFalse();
  }
}

package dev.plume.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.Test;

class PrimitivesTest {

  private static ProtocolReader reader(String hex) {
    return new ProtocolReader(ByteBuffer.wrap(Hex.parse(hex)));
  }

  private static String hex(ProtocolWriter w) {
    return Hex.of(w.toByteArray());
  }

  @Test
  void zigzagVarintExamples() {
    assertThat(hex(new ProtocolWriter().writeVarint(300))).isEqualTo("d804");
    assertThat(hex(new ProtocolWriter().writeVarint(0))).isEqualTo("00");
    assertThat(hex(new ProtocolWriter().writeVarint(-1))).isEqualTo("01");
    assertThat(hex(new ProtocolWriter().writeVarint(1))).isEqualTo("02");
    assertThat(hex(new ProtocolWriter().writeVarint(-2))).isEqualTo("03");
  }

  @Test
  void varintsMatchKafkaClients() {
    int[] ints = {
      0, 1, -1, 63, 64, -64, -65, 127, 128, 16383, 16384, Integer.MAX_VALUE, Integer.MIN_VALUE
    };
    for (int v : ints) {
      ByteBuffer k = ByteBuffer.allocate(10);
      ByteUtils.writeVarint(v, k);
      assertThat(new ProtocolWriter().writeVarint(v).toByteArray())
          .isEqualTo(java.util.Arrays.copyOf(k.array(), k.position()));
      ByteBuffer u = ByteBuffer.allocate(10);
      ByteUtils.writeUnsignedVarint(v, u);
      byte[] ours = new ProtocolWriter().writeUnsignedVarint(v).toByteArray();
      assertThat(ours).isEqualTo(java.util.Arrays.copyOf(u.array(), u.position()));
      assertThat(ProtocolWriter.sizeOfUnsignedVarint(v)).isEqualTo(ours.length);
      assertThat(new ProtocolReader(ByteBuffer.wrap(ours)).readUnsignedVarint("f")).isEqualTo(v);
    }
    long[] longs = {0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, -(1L << 40)};
    for (long v : longs) {
      ByteBuffer k = ByteBuffer.allocate(10);
      ByteUtils.writeVarlong(v, k);
      byte[] ours = new ProtocolWriter().writeVarlong(v).toByteArray();
      assertThat(ours).isEqualTo(java.util.Arrays.copyOf(k.array(), k.position()));
      assertThat(new ProtocolReader(ByteBuffer.wrap(ours)).readVarlong("f")).isEqualTo(v);
    }
  }

  @Test
  void overlongVarintsAreRefused() {
    assertThatThrownBy(() -> reader("ffffffff8f").readUnsignedVarint("Len"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Len");
    assertThat(reader("ffffffff0f").readUnsignedVarint("Len")).isEqualTo(-1);
    assertThatThrownBy(() -> reader("ffffffffffffffffffff01").readVarlong("Delta"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Delta")
        .hasMessageContaining("10 bytes");
    assertThatThrownBy(() -> reader("80").readUnsignedVarint("Len"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void stringsAndNullMarkers() {
    ProtocolWriter w = new ProtocolWriter(1);
    w.writeString("ab").writeNullableString(null).writeCompactString("");
    w.writeCompactNullableString(null).writeCompactNullableString("\u00e9");
    assertThat(hex(w)).isEqualTo("00026162" + "ffff" + "01" + "00" + "03c3a9");
    ProtocolReader r = new ProtocolReader(w.flip());
    assertThat(r.readString("a")).isEqualTo("ab");
    assertThat(r.readNullableString("b")).isNull();
    assertThat(r.readCompactString("c")).isEmpty();
    assertThat(r.readCompactNullableString("d")).isNull();
    assertThat(r.readCompactNullableString("e")).isEqualTo("\u00e9");
    r.requireEnd("all");
  }

  @Test
  void negativeAndOversizedLengthsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> reader("fffe").readNullableString("Topic.Name"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Topic.Name");
    assertThatThrownBy(() -> reader("ffff").readString("Topic.Name"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Topic.Name");
    assertThatThrownBy(() -> reader("00").readCompactString("Host"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Host");
    assertThatThrownBy(() -> reader("0561").readCompactString("Host"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("exceeds");
    // 0xffffffff as an unsigned length+1: far beyond the input, refused before allocating.
    assertThatThrownBy(() -> reader("ffffffff0f").readCompactBytes("AuthBytes"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("AuthBytes");
    assertThatThrownBy(() -> reader("ffffffff0f").readCompactArrayCount("Topics", 1))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Topics");
    assertThatThrownBy(() -> reader("7fffffff").readArrayCount("Mechanisms", 2))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Mechanisms");
    assertThatThrownBy(() -> reader("fffffffe").readArrayCount("Mechanisms", 2))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Mechanisms");
    // An array count is bounded by remaining bytes / element size: 3 int32s need 12 bytes.
    assertThatThrownBy(() -> reader("04 00000001 00000002").readCompactInt32Array("Isr"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Isr");
  }

  @Test
  void uuidIsTwoBigEndianLongs() {
    UUID id = new UUID(0x0102030405060708L, 0x1112131415161718L);
    ProtocolWriter w = new ProtocolWriter().writeUuid(id);
    assertThat(hex(w)).isEqualTo("01020304050607081112131415161718");
    assertThat(new ProtocolReader(w.flip()).readUuid("Id")).isEqualTo(id);
  }

  @Test
  void boolReadsAnyNonZeroAsTrue() {
    assertThat(reader("02").readBool("b")).isTrue();
    assertThat(reader("00").readBool("b")).isFalse();
  }

  @Test
  void unknownTaggedFieldsAreSkipped() {
    // 2 tagged fields: tag 5 (3 bytes), tag 70000 (1 byte), then an int16.
    ProtocolWriter w = new ProtocolWriter();
    w.writeTaggedFieldCount(2);
    w.writeTaggedField(5, f -> f.writeInt16(7).writeInt8(1));
    w.writeTaggedField(70000, f -> f.writeInt8(9));
    w.writeInt16(0x4242);
    assertThat(hex(w)).isEqualTo("02" + "05" + "03" + "000701" + "f0a204" + "01" + "09" + "4242");
    ProtocolReader r = new ProtocolReader(w.flip());
    r.skipTaggedFields("X");
    assertThat(r.readInt16("after")).isEqualTo((short) 0x4242);
  }

  @Test
  void taggedFieldLargerThan127BytesGetsATwoByteSize() {
    ProtocolWriter w = new ProtocolWriter(4);
    w.writeTaggedField(0, f -> f.writeRawBytes(new byte[200]));
    byte[] bytes = w.toByteArray();
    assertThat(bytes.length).isEqualTo(1 + 2 + 200);
    ProtocolReader r = new ProtocolReader(ByteBuffer.wrap(bytes));
    assertThat(r.readUnsignedVarint("tag")).isZero();
    assertThat(r.readTaggedFieldSize("size")).isEqualTo(200);
  }

  @Test
  void taggedFieldSizeBeyondInputIsRefused() {
    assertThatThrownBy(() -> reader("01 00 05 0000").skipTaggedFields("Partition"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Partition");
  }

  @Test
  void readerDoesNotMoveTheSourceBuffer() {
    ByteBuffer source = ByteBuffer.wrap(Hex.parse("0001000200030004"));
    source.position(2);
    ProtocolReader r = new ProtocolReader(source);
    assertThat(r.readInt16("a")).isEqualTo((short) 2);
    assertThat(source.position()).isEqualTo(2);
  }

  @Test
  void writingRecordsKeepsTheSourcePosition() {
    ByteBuffer batch = ByteBuffer.wrap(Hex.parse("0a0b0c0d"));
    batch.position(1);
    ProtocolWriter w = new ProtocolWriter(1).writeCompactNullableBytes(batch);
    assertThat(hex(w)).isEqualTo("040b0c0d");
    assertThat(batch.position()).isEqualTo(1);
    ByteBuffer direct = ByteBuffer.allocateDirect(3).put(Hex.parse("010203")).flip();
    assertThat(hex(new ProtocolWriter().writeRawBytes(direct))).isEqualTo("010203");
    assertThat(direct.position()).isZero();
  }

  @Test
  void writerGrowsAndResets() {
    ProtocolWriter w = new ProtocolWriter(0);
    for (int i = 0; i < 10_000; i++) {
      w.writeInt32(i);
    }
    assertThat(w.position()).isEqualTo(40_000);
    int capacity = w.capacityBytes();
    w.reset().writeInt8(1);
    assertThat(w.position()).isEqualTo(1);
    assertThat(w.capacityBytes()).as("reset keeps the array").isEqualTo(capacity);
  }
}

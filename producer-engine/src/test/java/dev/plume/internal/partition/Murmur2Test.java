package dev.plume.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Murmur2Test {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({
    "'', 275646681, 0, 3, 1",
    "a, -1563381124, 1, 4, 4",
    "abc, 479470107, 0, 3, 7",
    "abcd, -1323649548, 2, 2, 0",
    "hello, 2132663229, 0, 3, 9",
    "kafka, -798503068, 1, 4, 0",
    "key-0, 29210041, 1, 1, 1",
    "21, -973932308, 0, 0, 0",
  })
  void matchesTheDocumentedVectors(String key, int hash, int p3, int p6, int p10) {
    assertThat(Murmur2.hash(utf8(key))).isEqualTo(hash);
    assertThat(KeyPartitioning.partitionForKey(utf8(key), 3)).isEqualTo(p3);
    assertThat(KeyPartitioning.partitionForKey(utf8(key), 6)).isEqualTo(p6);
    assertThat(KeyPartitioning.partitionForKey(utf8(key), 10)).isEqualTo(p10);
  }

  @Test
  void treatsTailBytesAsUnsigned() {
    byte[] key = {(byte) 0xff, (byte) 0x80, 0x00, 0x7f, (byte) 0xc3};
    assertThat(Murmur2.hash(key)).isEqualTo(-725586902);
  }

  @Test
  void toPositiveMasksTheSignBitInsteadOfTakingAbs() {
    assertThat(Murmur2.toPositive(-1)).isEqualTo(Integer.MAX_VALUE);
    assertThat(Murmur2.toPositive(Integer.MIN_VALUE)).isZero();
    assertThat(Murmur2.toPositive(-5)).isEqualTo(2147483643);
    assertThat(Murmur2.toPositive(42)).isEqualTo(42);
  }

  @Test
  void rangeOverloadEqualsHashOfTheCopiedRange() {
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      byte[] buffer = new byte[random.nextInt(80) + 1];
      random.nextBytes(buffer);
      int offset = random.nextInt(buffer.length);
      int length = random.nextInt(buffer.length - offset + 1);
      byte[] copy = java.util.Arrays.copyOfRange(buffer, offset, offset + length);
      assertThat(Murmur2.hash(buffer, offset, length)).isEqualTo(Murmur2.hash(copy));
      assertThat(KeyPartitioning.partitionForKey(buffer, offset, length, 7))
          .isEqualTo(KeyPartitioning.partitionForKey(copy, 7));
    }
  }

  @Test
  void rangeOverloadRejectsRangesOutsideTheArray() {
    assertThatThrownBy(() -> Murmur2.hash(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Murmur2.hash(new byte[4], -1, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void equalsKafkaClientsOnRandomKeys() {
    Random random = new Random(20261123);
    for (int i = 0; i < 10_000; i++) {
      byte[] key = new byte[random.nextInt(i < 100 ? 8 : 200)];
      random.nextBytes(key);
      int expected = Utils.murmur2(key);
      assertThat(Murmur2.hash(key)).as("murmur2 of key #%d", i).isEqualTo(expected);
      assertThat(Murmur2.toPositive(expected)).isEqualTo(Utils.toPositive(expected));
    }
  }

  @Test
  void keyLandsInTheSamePartitionAsWithKafkaClients() {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      byte[] key =
          random.nextBoolean()
              ? utf8("key-" + random.nextInt(1_000_000))
              : randomBytes(random, random.nextInt(64));
      for (int partitions = 1; partitions <= 50; partitions++) {
        assertThat(KeyPartitioning.partitionForKey(key, partitions))
            .as("key #%d over %d partitions", i, partitions)
            .isEqualTo(BuiltInPartitioner.partitionForKey(key, partitions));
      }
    }
  }

  @Test
  void rejectsNonPositivePartitionCounts() {
    assertThatThrownBy(() -> KeyPartitioning.partitionForKey(utf8("k"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numPartitions");
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}

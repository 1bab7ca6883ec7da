package dev.plume.internal.partition;

/**
 * The partition of a keyed record under the built-in rule: {@code toPositive(murmur2(keyBytes)) %
 * numPartitions}, where {@code numPartitions} counts every partition of the topic, available or
 * not, so a key's partition does not move while a leader is down. Stateless and thread-safe.
 */
public final class KeyPartitioning {

  private KeyPartitioning() {}

  /**
   * @param numPartitions the topic's partition count, all partitions included; must be positive
   */
  public static int partitionForKey(byte[] keyBytes, int numPartitions) {
    requirePositive(numPartitions);
    return Murmur2.toPositive(Murmur2.hash(keyBytes)) % numPartitions;
  }

  /**
   * As {@link #partitionForKey(byte[], int)} for a key stored in {@code keyBytes[offset, +length)}.
   */
  public static int partitionForKey(byte[] keyBytes, int offset, int length, int numPartitions) {
    requirePositive(numPartitions);
    return Murmur2.toPositive(Murmur2.hash(keyBytes, offset, length)) % numPartitions;
  }

  private static void requirePositive(int numPartitions) {
    if (numPartitions <= 0) {
      throw new IllegalArgumentException(
          "numPartitions must be > 0 to partition a key, got " + numPartitions);
    }
  }
}

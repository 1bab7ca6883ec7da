package dev.plume.internal.partition;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One "stint" of a topic's sticky partition: the partition keyless records currently go to and the
 * bytes appended to it since it was chosen. A new instance is created on every switch, so identity
 * tells stints apart: a caller holding an instance that is no longer {@link
 * BuiltInPartitioner#peekCurrentPartition current} knows a switch happened in between, even if the
 * new stint picked the same partition number.
 *
 * <p>Thread-safe: the byte count is updated atomically.
 */
public final class StickyPartition {

  private static final VarHandle PRODUCED_BYTES;

  static {
    try {
      PRODUCED_BYTES =
          MethodHandles.lookup().findVarHandle(StickyPartition.class, "producedBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int partition;

  /** Bytes appended during this stint; only grows. Written through {@link #PRODUCED_BYTES}. */
  private volatile long producedBytes;

  StickyPartition(int partition) {
    this.partition = partition;
  }

  /** The partition index keyless records go to during this stint. */
  public int partition() {
    return partition;
  }

  /** Bytes appended to this stint so far. */
  public long producedBytes() {
    return producedBytes;
  }

  /** Adds {@code bytes} and returns the new total. */
  long addProducedBytes(int bytes) {
    return (long) PRODUCED_BYTES.getAndAdd(this, (long) bytes) + bytes;
  }

  @Override
  public String toString() {
    return "StickyPartition{partition=" + partition + ", producedBytes=" + producedBytes + "}";
  }
}

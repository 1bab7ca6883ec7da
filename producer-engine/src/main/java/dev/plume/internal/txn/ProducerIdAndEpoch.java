package dev.plume.internal.txn;

/** A producer id and epoch from InitProducerId; {@link #NONE} before one is assigned. */
public record ProducerIdAndEpoch(long producerId, short epoch) {

  public static final ProducerIdAndEpoch NONE = new ProducerIdAndEpoch(-1, (short) -1);

  public boolean isValid() {
    return producerId >= 0;
  }

  /** True when the epoch cannot be bumped again and a new producer id is needed. */
  public boolean epochExhausted() {
    return epoch >= Short.MAX_VALUE - 1;
  }

  @Override
  public String toString() {
    return "producerId=" + producerId + ", epoch=" + epoch;
  }
}

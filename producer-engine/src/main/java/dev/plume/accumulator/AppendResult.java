package dev.plume.accumulator;

/**
 * The outcome of one append.
 *
 * @param partition the partition the record went to (chosen by the sticky partitioner when the
 *     caller gave none)
 * @param batchIsFull the batch the record went to is full, so the sender may send it now
 * @param newBatchCreated the record started a new batch
 */
public record AppendResult(int partition, boolean batchIsFull, boolean newBatchCreated) {}

package dev.plume.internal.txn;

import dev.plume.producer.ConsumerGroupMetadata;
import dev.plume.producer.OffsetAndMetadata;
import dev.plume.producer.TopicPartition;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A sendOffsetsToTransaction call in progress; {@code addedToTransaction} after AddOffsetsToTxn.
 */
final class PendingOffsets {
  final Map<TopicPartition, OffsetAndMetadata> offsets;
  final ConsumerGroupMetadata group;
  final CompletableFuture<Void> result = new CompletableFuture<>();
  boolean addedToTransaction;

  PendingOffsets(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
    this.offsets = Map.copyOf(offsets);
    this.group = group;
  }
}

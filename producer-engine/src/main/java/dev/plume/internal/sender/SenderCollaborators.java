package dev.plume.internal.sender;

import dev.plume.internal.accumulator.RecordAccumulator;
import dev.plume.internal.clock.Clock;
import dev.plume.internal.compression.CompressionContext;
import dev.plume.internal.metadata.ProducerMetadata;
import dev.plume.internal.network.NetworkClient;
import dev.plume.internal.txn.ProducerIdManager;
import dev.plume.internal.txn.TransactionCoordinatorClient;

/**
 * What the sender works with, built by the producer (or a test) and shared with the application
 * threads where noted.
 *
 * @param metadata shared: sending threads wait on it for topics
 * @param accumulator shared: sending threads append to it
 * @param sealContext the sender thread's own compression buffers
 * @param stats shared: read by metrics
 * @param transactions the transaction coordinator conversation, or {@link
 *     dev.plume.internal.txn.ProducerTransactions#NONE} for a producer without transactional.id
 * @param producerIds the producer's identity (shared with the transaction manager); unused by a
 *     producer with enable.idempotence=false
 */
public record SenderCollaborators(
    Clock clock,
    NetworkClient client,
    ProducerMetadata metadata,
    RecordAccumulator accumulator,
    CompressionContext sealContext,
    SenderStats stats,
    TransactionCoordinatorClient transactions,
    ProducerIdManager producerIds) {}

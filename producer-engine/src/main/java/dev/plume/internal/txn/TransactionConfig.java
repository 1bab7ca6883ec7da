package dev.plume.internal.txn;

import dev.plume.internal.retry.RetryBackoff;

/**
 * What the transaction manager needs from the producer configuration.
 *
 * @param transactionalId the producer's {@code transactional.id}
 * @param transactionTimeoutMs {@code transaction.timeout.ms}, sent with InitProducerId
 * @param retryBackoff the wait before retrying InitProducerId or a coordinator request
 */
public record TransactionConfig(
    String transactionalId, int transactionTimeoutMs, RetryBackoff retryBackoff) {}

package dev.plume.internal.txn;

/**
 * What the transaction manager needs from the producer configuration.
 *
 * @param transactionalId the producer's {@code transactional.id}
 * @param transactionTimeoutMs {@code transaction.timeout.ms}, sent with InitProducerId
 * @param retryBackoffMs first backoff before retrying a coordinator request
 * @param retryBackoffMaxMs cap of the exponential backoff
 */
public record TransactionConfig(
    String transactionalId,
    int transactionTimeoutMs,
    long retryBackoffMs,
    long retryBackoffMaxMs) {}

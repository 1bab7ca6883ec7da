package dev.plume.sender;

/**
 * What the sender needs from the producer configuration.
 *
 * @param acks -1 (all), 0 or 1
 * @param retries how many times a batch may be retried
 * @param transactionalId null unless transactional
 */
public record SenderConfig(
    String clientId,
    short acks,
    int requestTimeoutMs,
    int maxRequestSizeBytes,
    int retries,
    long retryBackoffMs,
    long retryBackoffMaxMs,
    long deliveryTimeoutMs,
    boolean idempotent,
    String transactionalId,
    int transactionTimeoutMs) {}

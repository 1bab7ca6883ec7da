package dev.plume.internal.sender;

/**
 * What the sender needs from the producer configuration.
 *
 * @param acks -1 (all), 0 or 1
 * @param retries how many times a batch may be retried
 * @param idempotent enable.idempotence; the transactional.id (if any) is owned by the {@link
 *     dev.plume.internal.txn.ProducerIdManager}
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
    boolean idempotent) {}

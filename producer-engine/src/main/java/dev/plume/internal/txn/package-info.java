/**
 * Producer identity and ordering: producer id and epoch, per-partition sequence numbers for
 * idempotence, and transactions.
 *
 * <p>Identity: {@link dev.plume.internal.txn.ProducerIdManager} is the one owner of the producer
 * id, epoch and {@code transactional.id}, for idempotent and transactional producers alike; the
 * sender and the transaction manager ask it rather than keep copies.
 *
 * <p>Transactions: {@link dev.plume.internal.txn.TransactionState} and {@link
 * dev.plume.internal.txn.TransactionTransitions} (the table of legal moves) define the state
 * machine; {@link dev.plume.internal.txn.TransactionManager} holds it, serves the application-side
 * calls with futures, and talks to the coordinators on the sender thread. The sender sees
 * transactions only through {@link dev.plume.internal.txn.TransactionCoordinatorClient}: may this
 * partition be drained, what coordinator request goes next, which Produce version is allowed, must
 * queued batches fail. The producer's application threads see them through {@link
 * dev.plume.internal.txn.ProducerTransactions}; producers without {@code transactional.id} use its
 * {@link dev.plume.internal.txn.ProducerTransactions#NONE}, which allows every send and rejects
 * every transactional call.
 */
package dev.plume.internal.txn;

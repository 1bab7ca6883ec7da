package dev.plume.internal.txn;

/**
 * States of a transactional producer (as Kafka's transactional producer; 2PC's PREPARED is not
 * supported).
 */
public enum TransactionState {
  UNINITIALIZED,
  INITIALIZING,
  READY,
  IN_TRANSACTION,
  COMMITTING_TRANSACTION,
  ABORTING_TRANSACTION,
  ABORTABLE_ERROR,
  FATAL_ERROR
}

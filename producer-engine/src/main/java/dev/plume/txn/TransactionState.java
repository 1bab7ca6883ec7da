package dev.plume.txn;

/** States of a transactional producer (kafka-protocol.md 7.5; 2PC's PREPARED is not supported). */
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

package dev.plume.spring.core;

/** Work done inside one producer transaction; see {@link ProducerTemplate#executeInTransaction}. */
@FunctionalInterface
public interface TransactionCallback<K, V, T> {

  /** Sends through {@code template}; throwing aborts the transaction. */
  T doInTransaction(ProducerTemplate<K, V> template);
}

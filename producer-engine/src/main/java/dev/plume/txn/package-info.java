/**
 * Producer identity and ordering: producer id and epoch, per-partition sequence numbers for
 * idempotence, and (for transactions) the transaction state machine.
 */
package dev.plume.txn;

/**
 * When to try a failed request again: the one {@code retry.backoff.ms} / {@code
 * retry.backoff.max.ms} rule shared by produce batches (accumulator), InitProducerId and the
 * transaction coordinator requests (txn). It depends on nothing else in the engine, so every
 * package on the data path may use it.
 */
package dev.plume.internal.retry;

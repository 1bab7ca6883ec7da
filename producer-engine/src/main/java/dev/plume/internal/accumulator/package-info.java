/**
 * The record accumulator: per-partition queues of open batches that sending threads append to, and
 * the sender thread drains per leader node.
 */
package dev.plume.internal.accumulator;

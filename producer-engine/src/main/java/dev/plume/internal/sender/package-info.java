/**
 * The sender: one I/O thread that drains ready batches per leader into Produce requests, carries
 * out what {@link dev.plume.internal.sender.ProduceErrorHandler} decides for failed ones (retry,
 * split, fail), and drives the metadata updater and the producer id manager each round.
 */
package dev.plume.internal.sender;

/**
 * RecordBatch v2 (magic 2): {@link dev.plume.internal.record.RecordBatchBuilder} appends records
 * into a pooled buffer without per-record allocation and seals (compresses, checksums) the batch;
 * {@link dev.plume.internal.record.RecordBatchReader} validates and decodes untrusted batches;
 * {@link dev.plume.internal.record.RecordBatchSplitter} splits a batch that the broker found too
 * large.
 */
package dev.plume.internal.record;

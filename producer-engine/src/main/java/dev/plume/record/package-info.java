/**
 * RecordBatch v2 (magic 2): {@link dev.plume.record.RecordBatchBuilder} appends records into a
 * pooled buffer without per-record allocation and seals (compresses, checksums) the batch; {@link
 * dev.plume.record.RecordBatchReader} validates and decodes untrusted batches; {@link
 * dev.plume.record.RecordBatchSplitter} splits a batch that the broker found too large.
 */
package dev.plume.record;

package dev.plume.bench.history;

/** One record read back: where it is in the log and which send it came from. */
public record ReadRecord(String topic, int partition, long offset, RecordId id) {}

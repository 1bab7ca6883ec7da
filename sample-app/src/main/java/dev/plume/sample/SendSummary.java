package dev.plume.sample;

import java.util.Map;

/**
 * What the sample sent.
 *
 * @param recordsAcknowledged records the broker acknowledged
 * @param recordsPerPartition acknowledged records by partition
 * @param lastOffsetPerPartition highest acknowledged offset by partition
 * @param elapsedMs from the first send to the last acknowledgement
 */
public record SendSummary(
    String topic,
    int recordsAcknowledged,
    Map<Integer, Integer> recordsPerPartition,
    Map<Integer, Long> lastOffsetPerPartition,
    long elapsedMs) {}

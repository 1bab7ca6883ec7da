/**
 * The broker matrix ({@code bin/plume-broker-matrix}): Plume's producer against real brokers of
 * many Kafka versions, checked with each version's official consumer.
 */
package dev.plume.bench.matrix;

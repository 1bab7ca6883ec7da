/**
 * Cluster metadata: an immutable {@link dev.plume.metadata.ClusterSnapshot} swapped atomically, and
 * {@link dev.plume.metadata.ProducerMetadata}, which decides when to refresh it and lets sending
 * threads wait for a topic they have never seen.
 */
package dev.plume.metadata;

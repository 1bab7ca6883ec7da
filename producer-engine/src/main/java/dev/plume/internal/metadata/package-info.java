/**
 * Cluster metadata: an immutable {@link dev.plume.internal.metadata.ClusterSnapshot} swapped
 * atomically, {@link dev.plume.internal.metadata.ProducerMetadata}, which decides when to refresh
 * it and lets sending threads wait for a topic they have never seen, and {@link
 * dev.plume.internal.metadata.MetadataUpdater}, which sends the Metadata requests (with
 * rebootstrap, {@link dev.plume.internal.metadata.MetadataRecovery}) and applies their responses on
 * the sender thread.
 */
package dev.plume.internal.metadata;

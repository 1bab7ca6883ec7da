/**
 * The producer implementation: wires serializers, partitioning, the accumulator, the sender thread
 * and the network client behind {@link dev.plume.producer.Producer}.
 */
package dev.plume.engine;

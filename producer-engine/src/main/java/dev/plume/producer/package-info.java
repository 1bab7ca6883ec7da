/**
 * The public producer API: {@link dev.plume.producer.Producer}, records, callbacks, serializers,
 * partitioners, interceptors, configuration and exceptions. The implementation lives in {@code
 * dev.plume.engine}; every internal package depends on this one, never the other way round.
 */
package dev.plume.producer;

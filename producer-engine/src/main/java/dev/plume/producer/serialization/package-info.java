/** Serializers: the interface and the built-ins for common types. */
package dev.plume.producer.serialization;

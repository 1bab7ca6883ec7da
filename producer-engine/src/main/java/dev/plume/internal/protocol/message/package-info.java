/**
 * Kafka message bodies as immutable records, hand-written from Kafka's JSON message specs (see
 * producer-engine/PROTOCOL.md for the versions and fields each covers). Requests have {@code
 * write(ProtocolWriter, short version)}, responses {@code static read(ProtocolReader, short
 * version)}; the opposite directions exist for tests and fake brokers.
 */
package dev.plume.internal.protocol.message;

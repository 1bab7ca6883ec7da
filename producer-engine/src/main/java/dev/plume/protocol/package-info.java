/**
 * Kafka wire protocol primitives: {@link dev.plume.protocol.ProtocolWriter} and {@link
 * dev.plume.protocol.ProtocolReader} for the field encodings, request/response headers,
 * size-prefixed framing ({@link dev.plume.protocol.FrameDecoder}), the {@link
 * dev.plume.protocol.ApiKey} table, error codes ({@link dev.plume.protocol.Errors}) and version
 * negotiation ({@link dev.plume.protocol.NegotiatedVersions}). Message bodies live in {@code
 * dev.plume.protocol.message}.
 */
package dev.plume.protocol;

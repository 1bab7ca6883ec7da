/**
 * Kafka wire protocol primitives: {@link dev.plume.internal.protocol.ProtocolWriter} and {@link
 * dev.plume.internal.protocol.ProtocolReader} for the field encodings, request/response headers,
 * size-prefixed framing ({@link dev.plume.internal.protocol.FrameDecoder}), the {@link
 * dev.plume.internal.protocol.ApiKey} table, error codes ({@link
 * dev.plume.internal.protocol.Errors}) and version negotiation ({@link
 * dev.plume.internal.protocol.NegotiatedVersions}). Message bodies live in {@code
 * dev.plume.internal.protocol.message}.
 */
package dev.plume.internal.protocol;

/**
 * The NIO network client: one non-blocking connection per broker, the ApiVersions handshake and
 * version negotiation, request pipelining, response matching, timeouts and reconnect backoff.
 *
 * <p>Threading: a {@link dev.plume.internal.network.NetworkClient} is driven by ONE thread (the
 * sender's I/O thread); every method except {@link
 * dev.plume.internal.network.NetworkClient#wakeup()} and {@link
 * dev.plume.internal.network.NetworkClient#stats()} must be called from that thread. Completion
 * handlers run on that thread, inside {@code poll}.
 *
 * <p>The socket layer is a {@link dev.plume.internal.network.Transport}, so TLS and SASL can wrap
 * the plaintext one without touching the client logic.
 */
package dev.plume.internal.network;

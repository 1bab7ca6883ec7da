package dev.plume.internal.network;

/**
 * Receives the outcome of a request exactly once, on the I/O thread, inside {@link
 * NetworkClient#poll}. An exception thrown here is logged and swallowed: it never breaks the client
 * or the other completions of the same poll.
 */
@FunctionalInterface
public interface RequestCompletionHandler<R> {

  void onComplete(ClientResponse<R> response);
}

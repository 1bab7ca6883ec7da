package dev.plume.internal.network;

/**
 * Receives the outcome of a request exactly once, on the I/O thread, inside {@link
 * NetworkClient#poll}. An exception thrown here is logged and swallowed: it never breaks the client
 * or the other completions of the same poll.
 */
@FunctionalInterface
public interface RequestCompletionHandler<R> {

  void onComplete(ClientResponse<R> response);

  /**
   * Whether this handler may keep the response (or hand it on) past {@link #onComplete}. A handler
   * that returns false promises to keep neither the response nor a reference to it, so the client
   * may hand it a reused response object (the body is the parser's, unaffected).
   */
  default boolean keepsResponse() {
    return true;
  }
}

package dev.plume.sender;

import dev.plume.protocol.Errors;

/** Names Kafka error codes in messages. */
final class ErrorNames {

  private ErrorNames() {}

  static String name(short code) {
    return Errors.forCode(code).name();
  }

  static String describe(short code) {
    return name(code) + " (" + code + ")";
  }
}

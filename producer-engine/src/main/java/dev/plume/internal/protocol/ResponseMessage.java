package dev.plume.internal.protocol;

/**
 * A response body. The client only reads responses; encoding them is test-only (fake brokers and
 * round-trip tests have their own encoders).
 */
public interface ResponseMessage {

  ApiKey apiKey();
}

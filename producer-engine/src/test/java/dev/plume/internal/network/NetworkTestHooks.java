package dev.plume.internal.network;

/**
 * The network client's test-only switches, which are package-private in {@link NetworkEnvironment}
 * so that production code has no method to turn them on; tests in other packages reach them here.
 */
public final class NetworkTestHooks {

  private NetworkTestHooks() {}

  /**
   * {@code env} negotiating the oldest version both sides accept (and ApiVersions v0) instead of
   * the newest, so that tests against a current broker exercise the encodings old brokers need.
   */
  public static NetworkEnvironment oldestVersions(NetworkEnvironment env) {
    return env.withOldestVersions();
  }
}

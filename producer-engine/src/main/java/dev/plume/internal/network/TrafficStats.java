package dev.plume.internal.network;

/**
 * Request and byte counters for one node or for all nodes. Written by the I/O thread only (so a
 * plain increment of a volatile is safe); read from any thread.
 */
public final class TrafficStats {

  private volatile long requestsSent;
  private volatile long responsesReceived;
  private volatile long bytesSent;
  private volatile long bytesReceived;
  private volatile long latencySumMs;
  private volatile long latencyCount;
  private volatile long latencyMaxMs;

  TrafficStats() {}

  void recordRequestSent() {
    requestsSent++;
  }

  void recordBytesSent(long bytes) {
    bytesSent += bytes;
  }

  void recordBytesReceived(long bytes) {
    bytesReceived += bytes;
  }

  void recordResponse(long latencyMs) {
    responsesReceived++;
    latencySumMs += latencyMs;
    latencyCount++;
    if (latencyMs > latencyMaxMs) {
      latencyMaxMs = latencyMs;
    }
  }

  public long requestsSent() {
    return requestsSent;
  }

  public long responsesReceived() {
    return responsesReceived;
  }

  public long bytesSent() {
    return bytesSent;
  }

  public long bytesReceived() {
    return bytesReceived;
  }

  /** Mean time from send() to response, over all responses so far; 0 before the first. */
  public double requestLatencyAvgMs() {
    long count = latencyCount;
    return count == 0 ? 0.0 : (double) latencySumMs / count;
  }

  public long requestLatencyMaxMs() {
    return latencyMaxMs;
  }

  @Override
  public String toString() {
    return "requests="
        + requestsSent
        + " responses="
        + responsesReceived
        + " bytesOut="
        + bytesSent
        + " bytesIn="
        + bytesReceived
        + " latencyAvgMs="
        + requestLatencyAvgMs()
        + " latencyMaxMs="
        + latencyMaxMs;
  }
}

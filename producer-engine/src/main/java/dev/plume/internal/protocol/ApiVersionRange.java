package dev.plume.internal.protocol;

/** One API's supported version range as advertised by a broker (an ApiVersions entry). */
public record ApiVersionRange(short apiKey, short minVersion, short maxVersion) {

  @Override
  public String toString() {
    return minVersion + "-" + maxVersion;
  }
}

package dev.plume.internal.protocol;

/**
 * The Kafka APIs this client speaks, with the version range we implement. We implement only
 * flexible versions (plus SaslHandshake v1, which never became flexible); every API here was
 * flexible by Kafka 2.8, so this range works against brokers 2.8 to 4.x.
 */
public enum ApiKey {
  PRODUCE(0, 9, 13, 9),
  METADATA(3, 9, 13, 9),
  FIND_COORDINATOR(10, 3, 6, 3),
  SASL_HANDSHAKE(17, 1, 1, Integer.MAX_VALUE),
  API_VERSIONS(18, 3, 4, 3),
  INIT_PRODUCER_ID(22, 2, 5, 2),
  ADD_PARTITIONS_TO_TXN(24, 3, 3, 3),
  ADD_OFFSETS_TO_TXN(25, 3, 4, 3),
  END_TXN(26, 3, 5, 3),
  TXN_OFFSET_COMMIT(28, 3, 5, 3),
  SASL_AUTHENTICATE(36, 2, 2, 2);

  private static final ApiKey[] BY_ID = new ApiKey[37];

  static {
    for (ApiKey key : values()) {
      BY_ID[key.id] = key;
    }
  }

  private final short id;
  private final short minVersion;
  private final short maxVersion;
  private final int firstFlexibleVersion;

  ApiKey(int id, int minVersion, int maxVersion, int firstFlexibleVersion) {
    this.id = (short) id;
    this.minVersion = (short) minVersion;
    this.maxVersion = (short) maxVersion;
    this.firstFlexibleVersion = firstFlexibleVersion;
  }

  public short id() {
    return id;
  }

  /** Lowest version we implement. */
  public short minVersion() {
    return minVersion;
  }

  /** Highest version we implement. */
  public short maxVersion() {
    return maxVersion;
  }

  /** Whether {@code version} uses compact encodings and tagged fields (valid for any version). */
  public boolean isFlexible(short version) {
    return version >= firstFlexibleVersion;
  }

  /** Request header v2 for flexible versions, else v1. */
  public short requestHeaderVersion(short version) {
    return (short) (isFlexible(version) ? 2 : 1);
  }

  /**
   * Response header v1 for flexible versions, else v0; ApiVersions responses always use v0 so that
   * a client of any version can read the header of the broker's answer.
   */
  public short responseHeaderVersion(short version) {
    if (this == API_VERSIONS) {
      return 0;
    }
    return (short) (isFlexible(version) ? 1 : 0);
  }

  public boolean supports(short version) {
    return version >= minVersion && version <= maxVersion;
  }

  /** Throws unless we implement {@code version} of this API. */
  public void requireSupported(short version) {
    if (!supports(version)) {
      throw new UnsupportedVersionException(
          this + " version " + version + " is not implemented (we speak " + rangeText() + ")");
    }
  }

  String rangeText() {
    return minVersion + "-" + maxVersion;
  }

  /** The API with this id, or null if we do not speak it. */
  public static ApiKey forId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }
}

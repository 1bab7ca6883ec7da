package dev.plume.internal.protocol;

/**
 * The Kafka APIs this client speaks, with the version range we implement: down to the oldest
 * version a Kafka 2.1 broker accepts that kafka-clients 4.x still sends (KIP-896 dropped Produce
 * v0-2), so brokers 2.1 to 4.x work. Versions below {@code firstFlexibleVersion} use the classic
 * encodings (int16/int32 lengths, no tagged fields) and request header v1 / response header v0.
 *
 * <p>Minimums: Produce 3 (first with a transactional id, KIP-896's floor), Metadata 4 (first with
 * AllowAutoTopicCreation), FindCoordinator 1 (first with KeyType), SaslHandshake 1 (v0 sends raw
 * tokens without SaslAuthenticate), everything else 0.
 */
public enum ApiKey {
  PRODUCE(0, 3, 13, 9, Remedies.UPGRADE),
  METADATA(3, 4, 13, 9, Remedies.UPGRADE),
  FIND_COORDINATOR(10, 1, 6, 3, "remove transactional.id, or " + Remedies.UPGRADE),
  SASL_HANDSHAKE(17, 1, 1, Integer.MAX_VALUE, "remove sasl.mechanism, or " + Remedies.UPGRADE),
  API_VERSIONS(18, 0, 4, 3, Remedies.UPGRADE),
  INIT_PRODUCER_ID(
      22,
      0,
      5,
      2,
      "set enable.idempotence=false and remove transactional.id, or " + Remedies.UPGRADE),
  ADD_PARTITIONS_TO_TXN(24, 0, 3, 3, "remove transactional.id, or " + Remedies.UPGRADE),
  ADD_OFFSETS_TO_TXN(25, 0, 4, 3, "remove transactional.id, or " + Remedies.UPGRADE),
  END_TXN(26, 0, 5, 3, "remove transactional.id, or " + Remedies.UPGRADE),
  TXN_OFFSET_COMMIT(28, 0, 5, 3, "remove transactional.id, or " + Remedies.UPGRADE),
  SASL_AUTHENTICATE(36, 0, 2, 2, "remove sasl.mechanism, or " + Remedies.UPGRADE);

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
  private final String remedy;

  ApiKey(int id, int minVersion, int maxVersion, int firstFlexibleVersion, String remedy) {
    this.remedy = remedy;
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

  /** What the user can change when a broker lacks this API: the settings needing it, or upgrade. */
  public String remedy() {
    return remedy;
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

  private static final class Remedies {
    static final String UPGRADE = "upgrade the broker to Kafka 2.1 or later";
  }
}

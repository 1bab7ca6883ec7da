package dev.plume.internal.protocol;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The versions to use with one broker, from its ApiVersions response: for each API, {@code min(our
 * max, broker max)}, which must be at least {@code max(our min, broker min)}. When no version is
 * acceptable to both, {@link #version(ApiKey)} fails with a message naming the API and both ranges;
 * it never guesses.
 *
 * <p>Produce quirk: 4.x brokers advertise Produce min 0 but reject v0-2 (KAFKA-18659). Our Produce
 * minimum is 3, so the advertised minimum never matters.
 *
 * <p>Tests can ask for the oldest common version instead ({@link #preferringOldest()}), to exercise
 * the encodings old brokers need against a current one.
 *
 * <p>Also carries the broker's finalized feature levels (e.g. {@code transaction.version}).
 */
public final class NegotiatedVersions {

  /** Finalized feature deciding Transactions V2 (KIP-890): level 2 or more means TV2. */
  public static final String TRANSACTION_VERSION_FEATURE = "transaction.version";

  private final Map<ApiKey, ApiVersionRange> brokerRanges = new EnumMap<>(ApiKey.class);
  private final Map<String, Short> finalizedFeatureLevels;
  private final long finalizedFeaturesEpoch;
  private final boolean preferOldest;

  /**
   * @param brokerRanges the broker's advertised ranges (APIs we do not speak are ignored)
   * @param finalizedFeatureLevels finalized max level per feature name
   * @param finalizedFeaturesEpoch epoch of those levels, -1 if unknown
   */
  public NegotiatedVersions(
      List<ApiVersionRange> brokerRanges,
      Map<String, Short> finalizedFeatureLevels,
      long finalizedFeaturesEpoch) {
    for (ApiVersionRange range : brokerRanges) {
      ApiKey key = ApiKey.forId(range.apiKey());
      if (key != null) {
        this.brokerRanges.put(key, range);
      }
    }
    this.finalizedFeatureLevels = Map.copyOf(finalizedFeatureLevels);
    this.finalizedFeaturesEpoch = finalizedFeaturesEpoch;
    this.preferOldest = false;
  }

  private NegotiatedVersions(NegotiatedVersions newest) {
    this.brokerRanges.putAll(newest.brokerRanges);
    this.finalizedFeatureLevels = newest.finalizedFeatureLevels;
    this.finalizedFeaturesEpoch = newest.finalizedFeaturesEpoch;
    this.preferOldest = true;
  }

  /** Test-only: the same ranges, choosing the lowest common version of each API. */
  public NegotiatedVersions preferringOldest() {
    return new NegotiatedVersions(this);
  }

  /** The broker's advertised range for {@code api}, if it advertised one. */
  public Optional<ApiVersionRange> brokerRange(ApiKey api) {
    return Optional.ofNullable(brokerRanges.get(api));
  }

  /** Whether some version of {@code api} is acceptable to both sides. */
  public boolean isUsable(ApiKey api) {
    return isUsable(api, api.maxVersion());
  }

  /** Whether some version of {@code api} up to {@code maxVersionCap} is acceptable to both. */
  public boolean isUsable(ApiKey api, short maxVersionCap) {
    ApiVersionRange broker = brokerRanges.get(api);
    if (broker == null) {
      return false;
    }
    int max = Math.min(Math.min(api.maxVersion(), maxVersionCap), broker.maxVersion());
    return max >= Math.max(api.minVersion(), broker.minVersion());
  }

  /**
   * The highest version of {@code api} both sides accept.
   *
   * @throws UnsupportedVersionException if the broker lacks the API or the ranges do not overlap
   */
  public short version(ApiKey api) {
    return version(api, api.maxVersion());
  }

  /**
   * Like {@link #version(ApiKey)} with our maximum lowered to {@code maxVersionCap}, e.g. Produce
   * capped at 11 without Transactions V2, or at 12 when topic IDs are unknown.
   */
  public short version(ApiKey api, short maxVersionCap) {
    return version(api, api.minVersion(), maxVersionCap);
  }

  /**
   * The version of {@code api} to use within {@code [minVersion, maxVersionCap]} (and our range):
   * the highest both sides accept, or the lowest when {@link #preferringOldest()}.
   *
   * @throws UnsupportedVersionException naming the API, both ranges and what to change, if the
   *     broker lacks the API or no version in the range is acceptable to both
   */
  public short version(ApiKey api, short minVersion, short maxVersionCap) {
    ApiVersionRange broker = brokerRanges.get(api);
    short ourMin = (short) Math.max(api.minVersion(), minVersion);
    short ourMax = (short) Math.min(api.maxVersion(), maxVersionCap);
    if (broker == null) {
      throw new UnsupportedVersionException(
          "the broker does not support "
              + api
              + " (we speak "
              + ourMin
              + "-"
              + ourMax
              + "): "
              + api.remedy());
    }
    int max = Math.min(ourMax, broker.maxVersion());
    int min = Math.max(ourMin, broker.minVersion());
    if (max < min) {
      throw new UnsupportedVersionException(
          "no common version of "
              + api
              + ": we speak "
              + ourMin
              + "-"
              + ourMax
              + ", the broker speaks "
              + broker.minVersion()
              + "-"
              + broker.maxVersion()
              + ": "
              + api.remedy());
    }
    return (short) (preferOldest ? min : max);
  }

  /** The finalized max level of a feature; 0 when the broker lists none (Kafka's convention). */
  public short finalizedFeatureLevel(String featureName) {
    return finalizedFeatureLevels.getOrDefault(featureName, (short) 0);
  }

  public Map<String, Short> finalizedFeatureLevels() {
    return finalizedFeatureLevels;
  }

  public long finalizedFeaturesEpoch() {
    return finalizedFeaturesEpoch;
  }

  /** The finalized {@code transaction.version}; 2 or more enables Transactions V2. */
  public short transactionVersion() {
    return finalizedFeatureLevel(TRANSACTION_VERSION_FEATURE);
  }

  @Override
  public String toString() {
    return "NegotiatedVersions" + brokerRanges + " features " + finalizedFeatureLevels;
  }
}

package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ApiVersionRange;
import dev.plume.internal.protocol.NegotiatedVersions;
import dev.plume.internal.protocol.ProtocolException;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;
import dev.plume.internal.protocol.UnsupportedVersionException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ApiVersions response (key 18), versions 0-4 (flexible from 3). v0 is also the layout a broker
 * falls back to when it does not know the version we sent. Its response header is always v0.
 *
 * <pre>
 * ErrorCode int16 | ApiKeys [ApiKey int16, MinVersion int16, MaxVersion int16] | ThrottleTimeMs int32 (1+)
 * tagged (3+): 0 SupportedFeatures [Name, MinVersion int16, MaxVersion int16]
 *              1 FinalizedFeaturesEpoch int64 (default -1)
 *              2 FinalizedFeatures [Name, MaxVersionLevel int16, MinVersionLevel int16]
 *              3 ZkMigrationReady bool (default false)
 * v0-2: ErrorCode int16 | ApiKeys int32-counted array | ThrottleTimeMs (1-2), no tags
 * </pre>
 *
 * v4 (KAFKA-17011) also lists supported features whose min version is 0.
 */
public record ApiVersionsResponse(
    short errorCode,
    List<ApiVersionRange> apiKeys,
    int throttleTimeMs,
    List<SupportedFeature> supportedFeatures,
    long finalizedFeaturesEpoch,
    List<FinalizedFeature> finalizedFeatures,
    boolean zkMigrationReady)
    implements ResponseMessage {

  /** The v0 format the broker falls back to for a version it does not know. */
  public static final short FALLBACK_VERSION = 0;

  public ApiVersionsResponse {
    apiKeys = List.copyOf(apiKeys);
    supportedFeatures = List.copyOf(supportedFeatures);
    finalizedFeatures = List.copyOf(finalizedFeatures);
  }

  /** A feature the broker supports (KIP-584). */
  public record SupportedFeature(String name, short minVersion, short maxVersion) {}

  /** A cluster-wide finalized feature level, e.g. {@code transaction.version}. */
  public record FinalizedFeature(String name, short maxVersionLevel, short minVersionLevel) {}

  @Override
  public ApiKey apiKey() {
    return ApiKey.API_VERSIONS;
  }

  /** The broker's own ApiVersions range: after UNSUPPORTED_VERSION, retry within it. */
  public Optional<ApiVersionRange> brokerApiVersionsRange() {
    for (ApiVersionRange range : apiKeys) {
      if (range.apiKey() == ApiKey.API_VERSIONS.id()) {
        return Optional.of(range);
      }
    }
    return Optional.empty();
  }

  /** Max levels of the finalized features, by name. */
  public Map<String, Short> finalizedFeatureLevels() {
    Map<String, Short> levels = new HashMap<>();
    for (FinalizedFeature feature : finalizedFeatures) {
      levels.put(feature.name(), feature.maxVersionLevel());
    }
    return levels;
  }

  /** Per-API versions usable with this broker, see {@link NegotiatedVersions}. */
  public NegotiatedVersions negotiate() {
    return new NegotiatedVersions(apiKeys, finalizedFeatureLevels(), finalizedFeaturesEpoch);
  }

  static void checkVersion(short version) {
    if (!ApiKey.API_VERSIONS.supports(version)) {
      throw new UnsupportedVersionException("ApiVersionsResponse version " + version);
    }
  }

  /**
   * Reads a response to a request sent at {@code version}; if that fails, reads the whole body as
   * the v0 fallback (a broker that does not know our version answers in v0 with UNSUPPORTED_VERSION
   * and its own range in {@link #brokerApiVersionsRange()}).
   */
  public static ApiVersionsResponse readWithFallback(ProtocolReader reader, short version) {
    ProtocolReader attempt = reader.copy();
    try {
      ApiVersionsResponse response = read(attempt, version);
      attempt.requireEnd("ApiVersionsResponse v" + version);
      reader.skipRemaining();
      return response;
    } catch (ProtocolException asRequested) {
      try {
        ApiVersionsResponse response = read(reader, FALLBACK_VERSION);
        reader.requireEnd("ApiVersionsResponse v0");
        return response;
      } catch (ProtocolException asV0) {
        asRequested.addSuppressed(asV0);
        throw asRequested;
      }
    }
  }

  /** Reads a body at exactly {@code version} (0 is also the fallback layout). */
  public static ApiVersionsResponse read(ProtocolReader reader, short version) {
    checkVersion(version);
    short errorCode = reader.readInt16("ApiVersionsResponse.ErrorCode");
    if (!ApiKey.API_VERSIONS.isFlexible(version)) {
      List<ApiVersionRange> keys =
          reader.readArray("ApiVersionsResponse.ApiKeys", 6, ApiVersionsResponse::readRangeV0);
      int throttleTimeMs =
          version >= 1 ? reader.readInt32("ApiVersionsResponse.ThrottleTimeMs") : 0;
      return new ApiVersionsResponse(
          errorCode, keys, throttleTimeMs, List.of(), -1L, List.of(), false);
    }
    List<ApiVersionRange> keys =
        reader.readCompactArray("ApiVersionsResponse.ApiKeys", 7, ApiVersionsResponse::readRange);
    int throttleTimeMs = reader.readInt32("ApiVersionsResponse.ThrottleTimeMs");
    List<SupportedFeature> supported = List.of();
    long epoch = -1L;
    List<FinalizedFeature> finalized = List.of();
    boolean zkMigrationReady = false;
    int tagCount = reader.readTaggedFieldCount("ApiVersionsResponse");
    for (int i = 0; i < tagCount; i++) {
      int tag = reader.readUnsignedVarint("ApiVersionsResponse tag");
      int size = reader.readTaggedFieldSize("ApiVersionsResponse tag " + tag);
      ProtocolReader field = reader.slice(size, "ApiVersionsResponse tag " + tag);
      switch (tag) {
        case 0 ->
            supported =
                field.readCompactArray(
                    "ApiVersionsResponse.SupportedFeatures", 6, ApiVersionsResponse::readSupported);
        case 1 -> epoch = field.readInt64("ApiVersionsResponse.FinalizedFeaturesEpoch");
        case 2 ->
            finalized =
                field.readCompactArray(
                    "ApiVersionsResponse.FinalizedFeatures", 6, ApiVersionsResponse::readFinalized);
        case 3 -> zkMigrationReady = field.readBool("ApiVersionsResponse.ZkMigrationReady");
        default -> field.skipRemaining();
      }
      field.requireEnd("ApiVersionsResponse tag " + tag);
    }
    return new ApiVersionsResponse(
        errorCode, keys, throttleTimeMs, supported, epoch, finalized, zkMigrationReady);
  }

  private static ApiVersionRange readRangeV0(ProtocolReader r) {
    return new ApiVersionRange(
        r.readInt16("ApiVersionsResponse.ApiKeys.ApiKey"),
        r.readInt16("ApiVersionsResponse.ApiKeys.MinVersion"),
        r.readInt16("ApiVersionsResponse.ApiKeys.MaxVersion"));
  }

  private static ApiVersionRange readRange(ProtocolReader r) {
    ApiVersionRange range = readRangeV0(r);
    r.skipTaggedFields("ApiVersionsResponse.ApiKeys");
    return range;
  }

  private static SupportedFeature readSupported(ProtocolReader r) {
    SupportedFeature feature =
        new SupportedFeature(
            r.readCompactString("ApiVersionsResponse.SupportedFeatures.Name"),
            r.readInt16("ApiVersionsResponse.SupportedFeatures.MinVersion"),
            r.readInt16("ApiVersionsResponse.SupportedFeatures.MaxVersion"));
    r.skipTaggedFields("ApiVersionsResponse.SupportedFeatures");
    return feature;
  }

  private static FinalizedFeature readFinalized(ProtocolReader r) {
    FinalizedFeature feature =
        new FinalizedFeature(
            r.readCompactString("ApiVersionsResponse.FinalizedFeatures.Name"),
            r.readInt16("ApiVersionsResponse.FinalizedFeatures.MaxVersionLevel"),
            r.readInt16("ApiVersionsResponse.FinalizedFeatures.MinVersionLevel"));
    r.skipTaggedFields("ApiVersionsResponse.FinalizedFeatures");
    return feature;
  }
}

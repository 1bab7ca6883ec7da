package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.List;

/**
 * FindCoordinator response (key 10), versions 1-6 (flexible from 3).
 *
 * <pre>
 * v1-3: ThrottleTimeMs int32 | ErrorCode int16 | ErrorMessage nullable string | NodeId int32 |
 *      Host string | Port int32 | tags
 * v4+: ThrottleTimeMs int32 | Coordinators [Key string, NodeId int32, Host string, Port int32,
 *      ErrorCode int16, ErrorMessage nullable string, tags] | tags
 * </pre>
 *
 * Both layouts are presented as a list of coordinators; a v3 answer becomes one entry whose key is
 * the (single) key that was asked for, given to {@link #read(ProtocolReader, short, String)}.
 */
public record FindCoordinatorResponse(int throttleTimeMs, List<Coordinator> coordinators)
    implements ResponseMessage {

  public FindCoordinatorResponse {
    coordinators = List.copyOf(coordinators);
  }

  public record Coordinator(
      String key, int nodeId, String host, int port, short errorCode, String errorMessage) {}

  @Override
  public ApiKey apiKey() {
    return ApiKey.FIND_COORDINATOR;
  }

  /** Reads a v4+ response, or a v3 one with an empty key. */
  public static FindCoordinatorResponse read(ProtocolReader r, short version) {
    return read(r, version, "");
  }

  /**
   * Reads a response.
   *
   * @param v3Key the key asked for, attached to a v3 response (which does not echo it)
   */
  public static FindCoordinatorResponse read(ProtocolReader r, short version, String v3Key) {
    ApiKey.FIND_COORDINATOR.requireSupported(version);
    int throttleTimeMs = r.readInt32("FindCoordinatorResponse.ThrottleTimeMs");
    List<Coordinator> coordinators;
    if (version < 4) {
      short errorCode = r.readInt16("FindCoordinatorResponse.ErrorCode");
      boolean flex = version >= 3;
      String errorMessage = r.readNullableString("FindCoordinatorResponse.ErrorMessage", flex);
      int nodeId = r.readInt32("FindCoordinatorResponse.NodeId");
      String host = r.readString("FindCoordinatorResponse.Host", flex);
      int port = r.readInt32("FindCoordinatorResponse.Port");
      r.skipTaggedFields("FindCoordinatorResponse", flex);
      return new FindCoordinatorResponse(
          throttleTimeMs,
          List.of(new Coordinator(v3Key, nodeId, host, port, errorCode, errorMessage)));
    } else {
      coordinators =
          r.readCompactArray(
              "FindCoordinatorResponse.Coordinators", 14, FindCoordinatorResponse::readCoordinator);
    }
    r.skipTaggedFields("FindCoordinatorResponse");
    return new FindCoordinatorResponse(throttleTimeMs, coordinators);
  }

  private static Coordinator readCoordinator(ProtocolReader r) {
    Coordinator coordinator =
        new Coordinator(
            r.readCompactString("FindCoordinatorResponse.Coordinators.Key"),
            r.readInt32("FindCoordinatorResponse.Coordinators.NodeId"),
            r.readCompactString("FindCoordinatorResponse.Coordinators.Host"),
            r.readInt32("FindCoordinatorResponse.Coordinators.Port"),
            r.readInt16("FindCoordinatorResponse.Coordinators.ErrorCode"),
            r.readCompactNullableString("FindCoordinatorResponse.Coordinators.ErrorMessage"));
    r.skipTaggedFields("FindCoordinatorResponse.Coordinators");
    return coordinator;
  }
}

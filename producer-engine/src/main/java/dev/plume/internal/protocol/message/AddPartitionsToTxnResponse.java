package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolReader;
import dev.plume.internal.protocol.ResponseMessage;
import java.util.List;

/**
 * AddPartitionsToTxn response (key 24), versions 0-3 (flexible from 3).
 *
 * <pre>
 * ThrottleTimeMs int32 | ResultsByTopicV3AndBelow [Name compact string,
 *     ResultsByPartition [PartitionIndex int32, PartitionErrorCode int16, tags], tags] | tags
 * </pre>
 */
public record AddPartitionsToTxnResponse(int throttleTimeMs, List<TopicResult> results)
    implements ResponseMessage {

  public AddPartitionsToTxnResponse {
    results = List.copyOf(results);
  }

  public record TopicResult(String name, List<PartitionResult> partitions) {
    public TopicResult {
      partitions = List.copyOf(partitions);
    }
  }

  public record PartitionResult(int partitionIndex, short errorCode) {}

  @Override
  public ApiKey apiKey() {
    return ApiKey.ADD_PARTITIONS_TO_TXN;
  }

  public static AddPartitionsToTxnResponse read(ProtocolReader r, short version) {
    ApiKey.ADD_PARTITIONS_TO_TXN.requireSupported(version);
    boolean flex = ApiKey.ADD_PARTITIONS_TO_TXN.isFlexible(version);
    int throttleTimeMs = r.readInt32("AddPartitionsToTxnResponse.ThrottleTimeMs");
    List<TopicResult> results =
        r.readArray(
            "AddPartitionsToTxnResponse.ResultsByTopicV3AndBelow",
            3,
            flex,
            t -> readTopic(t, flex));
    r.skipTaggedFields("AddPartitionsToTxnResponse", flex);
    return new AddPartitionsToTxnResponse(throttleTimeMs, results);
  }

  private static TopicResult readTopic(ProtocolReader r, boolean flex) {
    String name = r.readString("AddPartitionsToTxnResponse.Results.Name", flex);
    List<PartitionResult> partitions =
        r.readArray(
            "AddPartitionsToTxnResponse.ResultsByPartition",
            7,
            flex,
            p -> {
              PartitionResult result =
                  new PartitionResult(
                      p.readInt32("AddPartitionsToTxnResponse.ResultsByPartition.PartitionIndex"),
                      p.readInt16(
                          "AddPartitionsToTxnResponse.ResultsByPartition.PartitionErrorCode"));
              p.skipTaggedFields("AddPartitionsToTxnResponse.ResultsByPartition", flex);
              return result;
            });
    r.skipTaggedFields("AddPartitionsToTxnResponse.Results", flex);
    return new TopicResult(name, partitions);
  }
}

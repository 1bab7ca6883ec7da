package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;
import java.util.List;

/**
 * FindCoordinator request (key 10), versions 1-6 (flexible from 3; v1 is the first with KeyType).
 *
 * <pre>
 * v1-3: Key string | KeyType int8 | tags (3)
 * v4+: KeyType int8 | CoordinatorKeys [compact string] | tags
 * </pre>
 *
 * KeyType 0 = group, 1 = transaction, 2 = share (v6). v1-3 carry exactly one key.
 */
public record FindCoordinatorRequest(byte keyType, List<String> coordinatorKeys)
    implements RequestMessage {

  public static final byte KEY_TYPE_GROUP = 0;
  public static final byte KEY_TYPE_TRANSACTION = 1;

  public FindCoordinatorRequest {
    coordinatorKeys = List.copyOf(coordinatorKeys);
  }

  public static FindCoordinatorRequest of(byte keyType, String key) {
    return new FindCoordinatorRequest(keyType, List.of(key));
  }

  @Override
  public ApiKey apiKey() {
    return ApiKey.FIND_COORDINATOR;
  }

  @Override
  public void write(ProtocolWriter w, short version) {
    ApiKey.FIND_COORDINATOR.requireSupported(version);
    if (version < 4) {
      if (coordinatorKeys.size() != 1) {
        throw new IllegalArgumentException(
            "FindCoordinator v"
                + version
                + " takes exactly one key, got "
                + coordinatorKeys.size());
      }
      w.writeString(coordinatorKeys.get(0), version >= 3);
      w.writeInt8(keyType);
      w.writeEmptyTaggedFields(version >= 3);
      return;
    } else {
      w.writeInt8(keyType);
      w.writeCompactArrayLength(coordinatorKeys.size());
      for (String key : coordinatorKeys) {
        w.writeCompactString(key);
      }
    }
    w.writeEmptyTaggedFields();
  }
}

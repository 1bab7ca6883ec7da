package dev.plume.internal.protocol.message;

import dev.plume.internal.protocol.ApiKey;
import dev.plume.internal.protocol.ProtocolWriter;
import dev.plume.internal.protocol.RequestMessage;

/**
 * ApiVersions request (key 18), versions 0-4 (flexible from 3); v0-2 have an empty body.
 *
 * <pre>
 * ClientSoftwareName compact string (3+) | ClientSoftwareVersion compact string (3+) | tags
 * </pre>
 *
 * Both strings must match {@code [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?} or the broker answers
 * INVALID_REQUEST. v4 differs from v3 only in the response (features at min level 0 are listed).
 */
public record ApiVersionsRequest(String clientSoftwareName, String clientSoftwareVersion)
    implements RequestMessage {

  @Override
  public ApiKey apiKey() {
    return ApiKey.API_VERSIONS;
  }

  @Override
  public void write(ProtocolWriter writer, short version) {
    ApiKey.API_VERSIONS.requireSupported(version);
    if (!ApiKey.API_VERSIONS.isFlexible(version)) {
      return;
    }
    writer.writeCompactString(clientSoftwareName);
    writer.writeCompactString(clientSoftwareVersion);
    writer.writeEmptyTaggedFields();
  }
}

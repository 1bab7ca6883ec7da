package dev.plume.internal.protocol;

/**
 * Request header v1 (non-flexible APIs) or v2 (flexible), chosen from the API and version:
 *
 * <pre>
 * RequestApiKey int16 | RequestApiVersion int16 | CorrelationId int32 | ClientId nullable string
 * (v2 adds an empty tagged-field section)
 * </pre>
 *
 * ClientId keeps its int16 length even in v2 so that any broker can read the header of any
 * ApiVersions request.
 */
public record RequestHeader(ApiKey apiKey, short apiVersion, int correlationId, String clientId) {

  public RequestHeader {
    if (apiKey == null) {
      throw new IllegalArgumentException("apiKey is null");
    }
  }

  public short headerVersion() {
    return apiKey.requestHeaderVersion(apiVersion);
  }

  public void write(ProtocolWriter writer) {
    write(writer, apiKey, apiVersion, correlationId, clientId);
  }

  /** Writes a header from its fields, with no header object (a client writes one per request). */
  public static void write(
      ProtocolWriter writer, ApiKey apiKey, short apiVersion, int correlationId, String clientId) {
    writer.writeInt16(apiKey.id());
    writer.writeInt16(apiVersion);
    writer.writeInt32(correlationId);
    writer.writeNullableString(clientId);
    if (apiKey.requestHeaderVersion(apiVersion) >= 2) {
      writer.writeEmptyTaggedFields();
    }
  }

  /** Reads a request header (broker side, e.g. a fake broker); refuses APIs we do not speak. */
  public static RequestHeader read(ProtocolReader reader) {
    short id = reader.readInt16("RequestHeader.RequestApiKey");
    ApiKey apiKey = ApiKey.forId(id);
    if (apiKey == null) {
      throw new ProtocolException("RequestHeader.RequestApiKey: unknown API key " + id);
    }
    short version = reader.readInt16("RequestHeader.RequestApiVersion");
    int correlationId = reader.readInt32("RequestHeader.CorrelationId");
    String clientId = reader.readNullableString("RequestHeader.ClientId");
    if (apiKey.requestHeaderVersion(version) >= 2) {
      reader.skipTaggedFields("RequestHeader");
    }
    return new RequestHeader(apiKey, version, correlationId, clientId);
  }
}

package dev.plume.internal.protocol;

/**
 * Response header v0 ({@code CorrelationId int32}) or v1 (the same plus a tagged-field section).
 * The version comes from {@link ApiKey#responseHeaderVersion(short)}.
 */
public record ResponseHeader(int correlationId) {

  public static ResponseHeader read(ProtocolReader reader, short headerVersion) {
    return new ResponseHeader(readCorrelationId(reader, headerVersion));
  }

  /** Reads the header and returns its correlation id: what a client needs, with no object. */
  public static int readCorrelationId(ProtocolReader reader, short headerVersion) {
    int correlationId = reader.readInt32("ResponseHeader.CorrelationId");
    if (headerVersion >= 1) {
      reader.skipTaggedFields("ResponseHeader");
    }
    return correlationId;
  }

  public void write(ProtocolWriter writer, short headerVersion) {
    writer.writeInt32(correlationId);
    if (headerVersion >= 1) {
      writer.writeEmptyTaggedFields();
    }
  }
}

package dev.plume.spring.observation;

import dev.plume.producer.Header;
import dev.plume.producer.ProducerRecord;
import dev.plume.producer.RecordMetadata;
import io.micrometer.observation.transport.SenderContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link io.micrometer.observation.Observation.Context} of one send through a template. Its
 * carrier is the list of headers the record will be sent with: a tracing handler's propagator
 * writes the trace context there (for example {@code traceparent}) when the observation starts, and
 * the template sends the record with those headers.
 */
public final class PlumeSendContext extends SenderContext<List<Header>> {

  private final ProducerRecord<?, ?> record;
  private final String templateName;
  private final int originalHeaderCount;
  private RecordMetadata metadata;

  public PlumeSendContext(ProducerRecord<?, ?> record, String templateName) {
    super(
        (carrier, key, value) ->
            carrier.add(
                new Header(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8))));
    this.record = record;
    this.templateName = templateName;
    List<Header> headers = new ArrayList<>(record.headers());
    this.originalHeaderCount = headers.size();
    setCarrier(headers);
    setRemoteServiceName("Apache Kafka: " + record.topic());
  }

  /** The record as given to the template (without the headers added by propagation). */
  public ProducerRecord<?, ?> getRecord() {
    return record;
  }

  public String getTopic() {
    return record.topic();
  }

  public String getTemplateName() {
    return templateName;
  }

  /** Whether a propagator added headers that the sent record must carry. */
  public boolean hasAddedHeaders() {
    List<Header> carrier = getCarrier();
    return carrier != null && carrier.size() != originalHeaderCount;
  }

  /** The headers to send: the record's own plus those added by propagation. */
  public List<Header> getHeaders() {
    return getCarrier();
  }

  /** Where the record was written; null until it is acknowledged (and when it failed). */
  public RecordMetadata getMetadata() {
    return metadata;
  }

  public void setMetadata(RecordMetadata metadata) {
    this.metadata = metadata;
  }
}

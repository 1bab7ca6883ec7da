package dev.plume.spring.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plume.producer.Header;
import dev.plume.producer.ProducerRecord;
import dev.plume.spring.autoconfigure.StubProducer;
import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.core.SendFailedException;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerTemplateObservationTest {

  private final StubProducer producer = new StubProducer();
  private final TestObservationRegistry registry = TestObservationRegistry.create();

  private ProducerTemplate<Object, Object> template(ObservationRegistry observations) {
    return ProducerTemplate.builder(producer)
        .name("orders")
        .observationRegistry(observations)
        .build();
  }

  /** Stands in for a tracing handler: its propagator writes the trace context on start. */
  private static final class FakePropagatingHandler
      implements ObservationHandler<SenderContext<Object>> {
    @Override
    public void onStart(SenderContext<Object> context) {
      context.getSetter().set(context.getCarrier(), "traceparent", "00-abc-def-01");
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return context instanceof SenderContext;
    }
  }

  @Test
  void eachSendIsAnObservationWithMessagingKeyValues() {
    template(registry).send("orders-topic", "k", "v").join();

    assertThat(registry)
        .hasSingleObservationThat()
        .hasNameEqualTo(DefaultPlumeSendObservationConvention.NAME)
        .hasContextualNameEqualTo("orders-topic publish")
        .hasLowCardinalityKeyValue("messaging.system", "kafka")
        .hasLowCardinalityKeyValue("messaging.operation", "publish")
        .hasLowCardinalityKeyValue("messaging.destination.name", "orders-topic")
        .hasLowCardinalityKeyValue("plume.template.name", "orders")
        .hasHighCardinalityKeyValue("messaging.destination.partition.id", "0")
        .hasHighCardinalityKeyValue("messaging.kafka.offset", "0")
        .hasBeenStarted()
        .hasBeenStopped()
        .doesNotHaveError();
  }

  @Test
  void aFailedSendIsRecordedAsTheObservationsError() {
    producer.sendError = new IllegalStateException("broker said no");

    assertThatThrownBy(() -> template(registry).send("t", "v").join())
        .hasCauseInstanceOf(SendFailedException.class);

    assertThat(registry)
        .hasSingleObservationThat()
        .hasBeenStopped()
        .assertThatError()
        .hasMessage("broker said no");
  }

  @Test
  void aSendThatThrowsBeforeQueueingStopsTheObservationWithTheError() {
    producer.syncSendError = new IllegalArgumentException("bad record");

    assertThatThrownBy(() -> template(registry).send("t", "v").join())
        .hasCauseInstanceOf(SendFailedException.class);

    assertThat(registry)
        .hasSingleObservationThat()
        .hasBeenStopped()
        .assertThatError()
        .hasMessage("bad record");
  }

  @Test
  void theTraceContextWrittenByAPropagatorTravelsInTheRecordHeaders() {
    registry.observationConfig().observationHandler(new FakePropagatingHandler());

    template(registry)
        .send(new ProducerRecord<>("t", null, null, "k", "v", List.of(Header.of("app", "x"))))
        .join();

    ProducerRecord<Object, Object> sent = producer.sent.get(0);
    assertThat(sent.headers()).extracting(Header::key).containsExactly("app", "traceparent");
    assertThat(new String(sent.headers().get(1).value(), StandardCharsets.UTF_8))
        .isEqualTo("00-abc-def-01");
  }

  @Test
  void withoutAPropagatorTheRecordIsSentAsGiven() {
    ProducerRecord<Object, Object> record = new ProducerRecord<>("t", "k", "v");

    template(registry).send(record).join();

    assertThat(producer.sent.get(0)).isSameAs(record);
  }

  @Test
  void noRegistryOrANoopRegistryObservesNothing() {
    ProducerRecord<Object, Object> record = new ProducerRecord<>("t", "k", "v");
    template(null).send(record).join();
    template(ObservationRegistry.NOOP).send(record).join();

    assertThat(producer.sent).containsExactly(record, record);
    assertThat(registry).doesNotHaveAnyObservation();
  }

  @Test
  void aCustomConventionNamesAndTagsTheObservation() {
    PlumeSendObservationConvention custom =
        new PlumeSendObservationConvention() {
          @Override
          public String getName() {
            return "custom.send";
          }

          @Override
          public KeyValues getLowCardinalityKeyValues(PlumeSendContext context) {
            return KeyValues.of("team", "payments");
          }
        };

    ProducerTemplate.builder(producer)
        .observationRegistry(registry)
        .observationConvention(custom)
        .build()
        .send("t", "v")
        .join();

    assertThat(registry)
        .hasSingleObservationThat()
        .hasNameEqualTo("custom.send")
        .hasLowCardinalityKeyValue("team", "payments");
  }
}

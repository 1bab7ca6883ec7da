package dev.plume.spring.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plume.spring.autoconfigure.PlumeProducerAutoConfiguration;
import dev.plume.spring.autoconfigure.StubProducerFactory;
import dev.plume.spring.core.ProducerTemplate;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/** {@code plume.producer.template.observation-enabled} wires the registry into the templates. */
class PlumeObservationAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
          .withBean(StubProducerFactory.class)
          .withBean(ObservationRegistry.class, TestObservationRegistry::create);

  @SuppressWarnings("unchecked")
  private static ProducerTemplate<Object, Object> template(
      ApplicationContext context, String name) {
    return (ProducerTemplate<Object, Object>) context.getBean(name);
  }

  private static TestObservationRegistry registry(ApplicationContext context) {
    return (TestObservationRegistry) context.getBean(ObservationRegistry.class);
  }

  @Test
  void offByDefaultEvenWithARegistry() {
    runner.run(
        context -> {
          template(context, "plumeProducerTemplate").send("t", "v").join();
          assertThat(registry(context)).doesNotHaveAnyObservation();
        });
  }

  @Test
  void onWithThePropertyAndARegistryBean() {
    runner
        .withPropertyValues("plume.producer.template.observation-enabled=true")
        .run(
            context -> {
              template(context, "plumeProducerTemplate").send("t", "v").join();
              assertThat(registry(context))
                  .hasSingleObservationThat()
                  .hasNameEqualTo(DefaultPlumeSendObservationConvention.NAME)
                  .hasLowCardinalityKeyValue("plume.template.name", "plumeProducerTemplate");
            });
  }

  @Test
  void onWithoutARegistryBeanStartsAndSendsWithoutObserving() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PlumeProducerAutoConfiguration.class))
        .withBean(StubProducerFactory.class)
        .withPropertyValues("plume.producer.template.observation-enabled=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(template(context, "plumeProducerTemplate").send("t", "v").join())
                  .isNotNull();
            });
  }

  @Test
  void aConventionBeanIsUsed() {
    runner
        .withPropertyValues("plume.producer.template.observation-enabled=true")
        .withBean(
            PlumeSendObservationConvention.class,
            () ->
                new DefaultPlumeSendObservationConvention() {
                  @Override
                  public KeyValues getLowCardinalityKeyValues(PlumeSendContext context) {
                    return super.getLowCardinalityKeyValues(context).and("team", "payments");
                  }
                })
        .run(
            context -> {
              template(context, "plumeProducerTemplate").send("t", "v").join();
              assertThat(registry(context))
                  .hasSingleObservationThat()
                  .hasLowCardinalityKeyValue("team", "payments")
                  .hasLowCardinalityKeyValue("messaging.system", "kafka");
            });
  }

  @Test
  void aNamedClientCanSwitchItOnOrOffForItself() {
    runner
        .withPropertyValues(
            "plume.producer.template.observation-enabled=true",
            "plume.producer.clients.audit.template.observation-enabled=false",
            "plume.producer.clients.orders.acks=1")
        .withUserConfiguration(Named.class)
        .run(
            context -> {
              Named named = context.getBean(Named.class);
              named.audit.send("audit-topic", "v").join();
              assertThat(registry(context)).doesNotHaveAnyObservation();
              named.orders.send("orders-topic", "v").join();
              assertThat(registry(context))
                  .hasSingleObservationThat()
                  .hasLowCardinalityKeyValue("plume.template.name", "orders");
            });
  }

  static class Named {
    final ProducerTemplate<String, String> orders;
    final ProducerTemplate<String, String> audit;

    Named(
        @Qualifier("orders") ProducerTemplate<String, String> orders,
        @Qualifier("audit") ProducerTemplate<String, String> audit) {
      this.orders = orders;
      this.audit = audit;
    }
  }
}

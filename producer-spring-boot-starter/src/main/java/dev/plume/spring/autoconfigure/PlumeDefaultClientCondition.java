package dev.plume.spring.autoconfigure;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Whether the default client ({@code plumeProducer}, {@code plumeProducerTemplate}) is created.
 * Always without the spring-kafka engine swap. With it (a {@code PlumeKafkaProducerFactory} bean
 * defined: spring-kafka, Boot's Kafka support and producer-kafka-clients present, {@code
 * plume.producer.spring-kafka.enabled} not false) the application's producers are spring-kafka's,
 * so a second, idle producer is created only when asked for: {@code
 * plume.producer.spring-kafka.default-client=true}, or, when that is unset, {@code
 * plume.producer.bootstrap-servers} or {@code plume.producer.template.default-topic} set.
 */
class PlumeDefaultClientCondition extends SpringBootCondition {

  private static final String SWAP_FACTORY =
      "dev.plume.spring.springkafka.PlumeKafkaProducerFactory";

  private static final List<String> OWN_CLIENT_PROPERTIES =
      List.of("plume.producer.bootstrap-servers", "plume.producer.template.default-topic");

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    Binder binder = Binder.get(context.getEnvironment());
    Boolean explicit =
        binder.bind("plume.producer.spring-kafka.default-client", Boolean.class).orElse(null);
    if (explicit != null) {
      return new ConditionOutcome(
          explicit, "plume.producer.spring-kafka.default-client=" + explicit);
    }
    if (!swapActive(context)) {
      return ConditionOutcome.match("the spring-kafka engine swap is not active");
    }
    for (String property : OWN_CLIENT_PROPERTIES) {
      if (binder.bind(property, Bindable.listOf(String.class)).isBound()) {
        return ConditionOutcome.match(
            "the spring-kafka engine swap is active and " + property + " is set");
      }
    }
    return ConditionOutcome.noMatch(
        "the spring-kafka engine swap is active and the application configures no Plume client of"
            + " its own (plume.producer.bootstrap-servers, plume.producer.template.default-topic"
            + " or plume.producer.spring-kafka.default-client=true)");
  }

  /**
   * Whether a {@code PlumeKafkaProducerFactory} bean is defined (PlumeSpringKafkaAutoConfiguration,
   * ordered before this condition's configuration, or the application's). By name: the class needs
   * spring-kafka.
   */
  private static boolean swapActive(ConditionContext context) {
    ClassLoader loader = context.getClassLoader();
    if (context.getBeanFactory() == null || !ClassUtils.isPresent(SWAP_FACTORY, loader)) {
      return false;
    }
    Class<?> factoryType = ClassUtils.resolveClassName(SWAP_FACTORY, loader);
    return context.getBeanFactory().getBeanNamesForType(factoryType, true, false).length > 0;
  }
}

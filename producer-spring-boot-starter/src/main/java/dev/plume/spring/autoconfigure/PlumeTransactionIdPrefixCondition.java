package dev.plume.spring.autoconfigure;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether some client has a {@code transaction-id-prefix} ({@code plume.producer.*} or {@code
 * plume.producer.clients.<name>.*}), that is, whether templates will have pools of transactional
 * producers.
 */
class PlumeTransactionIdPrefixCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    Binder binder = Binder.get(context.getEnvironment());
    if (hasText(binder, "plume.producer.transaction-id-prefix")) {
      return ConditionOutcome.match("plume.producer.transaction-id-prefix is set");
    }
    Map<String, Object> clients =
        binder
            .bind("plume.producer.clients", Bindable.mapOf(String.class, Object.class))
            .orElse(Map.of());
    for (String name : clients.keySet()) {
      if (hasText(binder, "plume.producer.clients[" + name + "].transaction-id-prefix")) {
        return ConditionOutcome.match(
            "plume.producer.clients." + name + ".transaction-id-prefix is set");
      }
    }
    return ConditionOutcome.noMatch("no client has a transaction-id-prefix");
  }

  static boolean hasText(Binder binder, String property) {
    String value = binder.bind(property, String.class).orElse(null);
    return value != null && !value.isBlank();
  }
}

package dev.plume.spring.aot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Registers reflection hints for the plug-in classes named in the application's properties as they
 * are at build time: the engine and kafka-clients instantiate serializers, partitioners and
 * interceptors named there through their no-argument constructor, which a native image can only do
 * for classes registered ahead of time.
 *
 * <p>Read from the {@link Environment} the AOT processing prepared (the same {@code
 * application.yml}, profiles and arguments as the build), as plain strings so that a class missing
 * at build time does not fail the build:
 *
 * <ul>
 *   <li>{@code plume.producer.} and {@code plume.producer.clients.<name>.}{@code key-serializer},
 *       {@code value-serializer}, {@code partitioner-class}, {@code interceptor-classes} and the
 *       same Kafka keys under {@code properties[...]};
 *   <li>{@code spring.kafka.producer.key-serializer}, {@code value-serializer}, and the Kafka keys
 *       under {@code spring.kafka.properties[...]} and {@code
 *       spring.kafka.producer.properties[...]} (the producers of the spring-kafka engine swap).
 * </ul>
 *
 * Classes given as beans ({@code Serializer}, {@code Partitioner}, {@code ProducerInterceptor},
 * {@code SslContextProvider}, {@code OAuthBearerTokenProvider}) need no hint: Spring's AOT code
 * creates them directly. Config providers are built in (no class is loaded by name).
 */
public class PlumePluginClassesAotProcessor implements BeanFactoryInitializationAotProcessor {

  /** Kafka configuration keys whose values are class names the producer instantiates. */
  static final List<String> PLUGIN_KEYS =
      List.of("key.serializer", "value.serializer", "partitioner.class", "interceptor.classes");

  private static final List<String> TYPED_PLUGIN_PROPERTIES =
      List.of("key-serializer", "value-serializer", "partitioner-class", "interceptor-classes");

  private static final MemberCategory[] INSTANTIATED =
      new MemberCategory[] {
        MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS
      };

  @Override
  public BeanFactoryInitializationAotContribution processAheadOfTime(
      ConfigurableListableBeanFactory beanFactory) {
    if (!beanFactory.containsBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)) {
      return null;
    }
    Environment environment =
        beanFactory.getBean(
            ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, Environment.class);
    Set<String> classNames = pluginClassNames(Binder.get(environment));
    if (classNames.isEmpty()) {
      return null;
    }
    return (generationContext, code) -> register(generationContext.getRuntimeHints(), classNames);
  }

  /** The plug-in class names the properties bound by {@code binder} name, in a stable order. */
  static Set<String> pluginClassNames(Binder binder) {
    Set<String> names = new LinkedHashSet<>();
    List<String> plumePrefixes = new ArrayList<>(List.of("plume.producer"));
    binder
        .bind("plume.producer.clients", Bindable.mapOf(String.class, Object.class))
        .ifBound(clients -> clients.keySet().forEach(c -> plumePrefixes.add(clientPrefix(c))));
    for (String prefix : plumePrefixes) {
      for (String property : TYPED_PLUGIN_PROPERTIES) {
        addClassNames(binder, prefix + "." + property, names);
      }
      addKafkaKeys(binder, prefix + ".properties", names);
    }
    addClassNames(binder, "spring.kafka.producer.key-serializer", names);
    addClassNames(binder, "spring.kafka.producer.value-serializer", names);
    addKafkaKeys(binder, "spring.kafka.properties", names);
    addKafkaKeys(binder, "spring.kafka.producer.properties", names);
    return names;
  }

  static void register(RuntimeHints hints, Collection<String> classNames) {
    for (String name : classNames) {
      hints.reflection().registerType(TypeReference.of(name), INSTANTIATED);
    }
  }

  private static String clientPrefix(String client) {
    // The bracket form keeps names with dots or upper case letters intact.
    return "plume.producer.clients[" + client + "]";
  }

  /** A single name or a comma-separated list; the binder splits the latter. */
  private static void addClassNames(Binder binder, String property, Set<String> names) {
    binder.bind(property, Bindable.listOf(String.class)).ifBound(list -> addTrimmed(list, names));
  }

  private static void addKafkaKeys(Binder binder, String mapProperty, Set<String> names) {
    Map<String, String> values =
        binder.bind(mapProperty, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    for (String key : PLUGIN_KEYS) {
      String value = values.get(key);
      if (value != null) {
        addTrimmed(List.of(value.split(",")), names);
      }
    }
  }

  private static void addTrimmed(List<String> values, Set<String> names) {
    for (String value : values) {
      String name = value.trim();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
  }
}

package dev.plume.spring.autoconfigure;

import dev.plume.producer.serialization.ByteArraySerializer;
import dev.plume.producer.serialization.ByteBufferSerializer;
import dev.plume.producer.serialization.IntegerSerializer;
import dev.plume.producer.serialization.LongSerializer;
import dev.plume.producer.serialization.Serializer;
import dev.plume.producer.serialization.StringSerializer;
import dev.plume.producer.serialization.UUIDSerializer;
import dev.plume.producer.serialization.VoidSerializer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Picks the serializer for a key or value type: a {@code Serializer<T>} bean whose generic type is
 * exactly {@code T} (the {@code @Primary} one when several are), else a built-in serializer for
 * String, byte[], Integer, Long, UUID, ByteBuffer and Void, else JSON with Jackson 3 (the
 * application's {@code JsonMapper} bean) when Jackson is on the class path.
 */
final class SerializerResolver {

  private static final String JSON_MAPPER_CLASS = "tools.jackson.databind.json.JsonMapper";

  private final ConfigurableListableBeanFactory beanFactory;

  SerializerResolver(ConfigurableListableBeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  /**
   * @param role "key" or "value", for messages
   * @param clientName for messages
   */
  Serializer<?> resolve(Class<?> type, String role, String clientName) {
    List<String> exact = new ArrayList<>();
    for (String name :
        beanFactory.getBeanNamesForType(
            ResolvableType.forClassWithGenerics(Serializer.class, type), true, false)) {
      // Beans without a resolvable generic type (raw or lambda-typed) would match any type:
      // only a declared Serializer<T> counts.
      Class<?> declared =
          beanFactory
              .getMergedBeanDefinition(name)
              .getResolvableType()
              .as(Serializer.class)
              .getGeneric(0)
              .resolve();
      if (type.equals(declared)) {
        exact.add(name);
      }
    }
    if (exact.size() > 1) {
      List<String> primary =
          exact.stream().filter(n -> beanFactory.getMergedBeanDefinition(n).isPrimary()).toList();
      if (primary.size() != 1) {
        throw new IllegalStateException(
            "Plume producer '"
                + clientName
                + "' found several Serializer<"
                + type.getName()
                + "> beans for its "
                + role
                + "s "
                + exact
                + ": mark one @Primary or set plume.producer."
                + role
                + "-serializer");
      }
      exact = primary;
    }
    if (exact.size() == 1) {
      return beanFactory.getBean(exact.get(0), Serializer.class);
    }
    Supplier<Serializer<?>> builtIn = builtIn(type);
    if (builtIn != null) {
      return builtIn.get();
    }
    if (jacksonPresent()) {
      return JacksonSerializers.json(beanFactory);
    }
    throw new IllegalStateException(
        "Plume producer '"
            + clientName
            + "' has no serializer for its "
            + role
            + " type "
            + type.getName()
            + ": declare a Serializer<"
            + type.getSimpleName()
            + "> bean, set plume.producer."
            + role
            + "-serializer, or add Jackson 3 (tools.jackson.core:jackson-databind, for example"
            + " with spring-boot-starter-jackson) to send it as JSON");
  }

  /** True when {@code serializer} is the JSON one {@link #resolve} falls back to. */
  boolean isJson(Serializer<?> serializer) {
    // Checked first so that JacksonSerializers (which names Jackson types) is never loaded
    // without Jackson.
    return jacksonPresent() && JacksonSerializers.isJson(serializer);
  }

  private boolean jacksonPresent() {
    return ClassUtils.isPresent(JSON_MAPPER_CLASS, beanFactory.getBeanClassLoader());
  }

  private static Supplier<Serializer<?>> builtIn(Class<?> type) {
    if (type == String.class) {
      return StringSerializer::new;
    } else if (type == byte[].class) {
      return ByteArraySerializer::new;
    } else if (type == Integer.class) {
      return IntegerSerializer::new;
    } else if (type == Long.class) {
      return LongSerializer::new;
    } else if (type == UUID.class) {
      return UUIDSerializer::new;
    } else if (type == ByteBuffer.class) {
      return ByteBufferSerializer::new;
    } else if (type == Void.class) {
      return VoidSerializer::new;
    }
    return null;
  }
}

package dev.plume.spring.autoconfigure;

import dev.plume.producer.serialization.Serializer;
import dev.plume.spring.json.JacksonJsonSerializer;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only class of the auto-configuration that names Jackson types: {@link SerializerResolver}
 * calls it only after checking Jackson 3 is on the application's class path.
 */
final class JacksonSerializers {

  private JacksonSerializers() {}

  /** JSON with the application's JsonMapper bean (Boot's), else Jackson's shared default one. */
  static Serializer<?> json(ConfigurableListableBeanFactory beanFactory) {
    JsonMapper mapper =
        beanFactory.getBeanProvider(JsonMapper.class).getIfUnique(JsonMapper::shared);
    return new JacksonJsonSerializer<>(mapper);
  }

  static boolean isJson(Serializer<?> serializer) {
    return serializer instanceof JacksonJsonSerializer;
  }
}

package dev.plume.spring.autoconfigure;

import dev.plume.spring.autoconfigure.PlumeClientProperties.Acks;
import java.util.Locale;
import org.springframework.core.convert.converter.Converter;

/** Binds {@code acks} from Kafka's spellings ("all", "-1", "1", "0") as well as the enum names. */
class AcksConverter implements Converter<String, Acks> {

  @Override
  public Acks convert(String source) {
    String value = source.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "all", "-1" -> Acks.ALL;
      case "1", "one" -> Acks.ONE;
      case "0", "zero" -> Acks.ZERO;
      default ->
          throw new IllegalArgumentException(
              "acks must be all, -1, 1 or 0 (or one, zero), not '" + source + "'");
    };
  }
}

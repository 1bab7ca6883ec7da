package dev.plume.engine;

import dev.plume.producer.ProducerStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;

/**
 * A read-only MBean whose attributes (doubles, as Kafka's JmxReporter shows them) are computed from
 * one {@link ProducerStats} snapshot per read: reading all attributes at once, as JMX exporters do,
 * assembles the statistics once.
 */
final class StatsMBean<T> implements DynamicMBean {

  private final Supplier<T> source;
  private final Map<String, ToDoubleFunction<T>> attributes;
  private final MBeanInfo info;

  private StatsMBean(
      String description, Supplier<T> source, Map<String, ToDoubleFunction<T>> attributes) {
    this.source = source;
    this.attributes = Map.copyOf(attributes);
    MBeanAttributeInfo[] infos =
        attributes.keySet().stream()
            .map(
                name ->
                    new MBeanAttributeInfo(name, Double.class.getName(), name, true, false, false))
            .toArray(MBeanAttributeInfo[]::new);
    this.info = new MBeanInfo(StatsMBean.class.getName(), description, infos, null, null, null);
  }

  static <T> Builder<T> builder(String description, Supplier<T> source) {
    return new Builder<>(description, source);
  }

  @Override
  public Object getAttribute(String name) throws AttributeNotFoundException {
    ToDoubleFunction<T> f = attributes.get(name);
    if (f == null) {
      throw new AttributeNotFoundException(name);
    }
    return valueOf(f, source.get());
  }

  @Override
  public AttributeList getAttributes(String[] names) {
    T snapshot = source.get();
    AttributeList list = new AttributeList();
    for (String name : names) {
      ToDoubleFunction<T> f = attributes.get(name);
      if (f != null) {
        list.add(new Attribute(name, valueOf(f, snapshot)));
      }
    }
    return list;
  }

  private Double valueOf(ToDoubleFunction<T> f, T snapshot) {
    // A node or topic that is gone reads as NaN, as Kafka's removed sensors do.
    return snapshot == null ? Double.NaN : f.applyAsDouble(snapshot);
  }

  @Override
  public void setAttribute(Attribute attribute) {
    throw new UnsupportedOperationException("Plume producer metrics are read-only");
  }

  @Override
  public AttributeList setAttributes(AttributeList attributes) {
    return new AttributeList();
  }

  @Override
  public Object invoke(String actionName, Object[] params, String[] signature) {
    throw new UnsupportedOperationException("Plume producer metrics have no operations");
  }

  @Override
  public MBeanInfo getMBeanInfo() {
    return info;
  }

  static final class Builder<T> {
    private final String description;
    private final Supplier<T> source;
    private final Map<String, ToDoubleFunction<T>> attributes = new LinkedHashMap<>();

    private Builder(String description, Supplier<T> source) {
      this.description = description;
      this.source = source;
    }

    Builder<T> add(String name, ToDoubleFunction<T> value) {
      attributes.put(name, value);
      return this;
    }

    StatsMBean<T> build() {
      return new StatsMBean<>(description, source, attributes);
    }
  }
}

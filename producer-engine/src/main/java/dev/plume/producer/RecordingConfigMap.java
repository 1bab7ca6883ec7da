package dev.plume.producer;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read-only originals handed to plug-ins (serializers, partitioner, interceptors), noting which
 * keys they read, so that a key only a plug-in uses is not reported as unused (as in Kafka).
 */
final class RecordingConfigMap extends AbstractMap<String, Object> {

  private final Map<String, Object> delegate;
  private final Set<String> read = ConcurrentHashMap.newKeySet();

  RecordingConfigMap(Map<String, Object> delegate) {
    this.delegate = Collections.unmodifiableMap(delegate);
  }

  @Override
  public Object get(Object key) {
    if (key instanceof String k) {
      read.add(k);
    }
    return delegate.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    if (key instanceof String k) {
      read.add(k);
    }
    return delegate.containsKey(key);
  }

  /** Iteration is not noted, as in Kafka: a plug-in copying the map has not used every key. */
  @Override
  public Set<Entry<String, Object>> entrySet() {
    return delegate.entrySet();
  }

  @Override
  public int size() {
    return delegate.size();
  }

  boolean wasRead(String key) {
    return read.contains(key);
  }
}

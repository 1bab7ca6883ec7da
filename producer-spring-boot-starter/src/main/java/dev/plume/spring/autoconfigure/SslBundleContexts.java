package dev.plume.spring.autoconfigure;

import dev.plume.engine.PlumeProducer;
import dev.plume.producer.Producer;
import dev.plume.producer.security.SslContextProvider;
import dev.plume.spring.core.DynamicProducers;
import dev.plume.spring.core.ReplacingProducer;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The TLS context of one producer, made from a Spring Boot SSL bundle and replaced when the bundle
 * is reloaded (for example when its certificate files change, with {@code reload-on-update}); the
 * producer then reconnects, so new connections use the new material. Spring's own Kafka support
 * keeps the old material until restart.
 */
final class SslBundleContexts implements SslContextProvider {

  private static final Logger log = LoggerFactory.getLogger(SslBundleContexts.class);

  private final String bundleName;
  private volatile SSLContext current;

  private SslBundleContexts(String bundleName, SslBundle bundle) {
    this.bundleName = bundleName;
    this.current = bundle.createSslContext();
  }

  /** The bundle's context now; reloads are wired by {@link #reconnectOnUpdate}. */
  static SslBundleContexts of(SslBundles bundles, String bundleName) {
    return new SslBundleContexts(bundleName, bundles.getBundle(bundleName));
  }

  @Override
  public SSLContext sslContext() {
    return current;
  }

  /** On each reload: take the new context, then make {@code producer} reconnect when it can. */
  void reconnectOnUpdate(SslBundles bundles, String clientName, Producer<?, ?> producer) {
    reconnectOnUpdate(bundles, "producer '" + clientName + "'", () -> List.of(producer));
  }

  /** On each reload: take the new context, then make the producers open now reconnect. */
  void reconnectOnUpdate(SslBundles bundles, String description, DynamicProducers producers) {
    reconnectOnUpdate(bundles, description, () -> producers.current().values());
  }

  private void reconnectOnUpdate(
      SslBundles bundles,
      String description,
      Supplier<Collection<? extends Producer<?, ?>>> producers) {
    bundles.addBundleUpdateHandler(
        bundleName,
        updated -> {
          current = updated.createSslContext();
          for (Producer<?, ?> producer : producers.get()) {
            Producer<?, ?> inUse =
                producer instanceof ReplacingProducer<?, ?> replacing
                    ? replacing.current()
                    : producer;
            if (inUse instanceof PlumeProducer<?, ?> plume) {
              plume.reconnect();
            }
          }
          log.info(
              "SSL bundle '{}' was reloaded: {} reconnect(s) with the new material",
              bundleName,
              description);
        });
  }
}

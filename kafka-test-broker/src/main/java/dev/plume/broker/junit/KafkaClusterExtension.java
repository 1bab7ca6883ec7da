package dev.plume.broker.junit;

import dev.plume.broker.KafkaCluster;
import dev.plume.broker.SharedKafka;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link KafkaCluster} and {@code @BootstrapServers String} parameters with the JVM-wide
 * {@link SharedKafka} cluster, started lazily. The clusters are stopped when the test run ends
 * (root store) or, failing that, when the JVM exits (shutdown hook). Usually applied through {@link
 * WithKafkaCluster}.
 */
public final class KafkaClusterExtension implements ParameterResolver, BeforeEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaClusterExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KafkaCluster.class
        || (type == String.class && parameter.isAnnotated(BootstrapServers.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    closeAtEndOfRun(context);
    KafkaCluster cluster = SharedKafka.cluster(nodes(context));
    return parameter.getParameter().getType() == KafkaCluster.class
        ? cluster
        : cluster.bootstrapServers();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // A previous test may have stopped or killed nodes; every test starts with all of them up.
    KafkaCluster cluster = SharedKafka.startedCluster(nodes(context));
    if (cluster != null) {
      cluster.startStoppedNodes();
    }
  }

  private static int nodes(ExtensionContext context) {
    Optional<WithKafkaCluster> annotation = context.getTestMethod().flatMap(method -> find(method));
    for (Class<?> type = context.getTestClass().orElse(null);
        annotation.isEmpty() && type != null;
        type = type.getEnclosingClass()) {
      annotation = find(type);
    }
    return annotation.map(WithKafkaCluster::nodes).orElse(1);
  }

  private static Optional<WithKafkaCluster> find(AnnotatedElement element) {
    return AnnotationSupport.findAnnotation(element, WithKafkaCluster.class);
  }

  /** Registers, once per run, a root-store value whose close() stops the shared clusters. */
  private static void closeAtEndOfRun(ExtensionContext context) {
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SharedClusters.class, key -> new SharedClusters(), SharedClusters.class);
  }

  /** Closed by JUnit when the root context closes, i.e. after the last test of the run. */
  private static final class SharedClusters implements AutoCloseable {
    @Override
    public void close() {
      SharedKafka.closeAll();
    }
  }
}

package dev.plume.broker.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class or method a real Kafka cluster, shared by every test in the JVM that asks for
 * the same number of nodes. Declare a {@link dev.plume.broker.KafkaCluster} parameter, or a {@code
 * String} parameter annotated {@link BootstrapServers}. The nearest annotation wins (method, then
 * class, then enclosing classes). Stopped or killed nodes are restarted before each test.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaClusterExtension.class)
public @interface WithKafkaCluster {

  /** 1 (default) or 3: a three-node cluster has replication factor 3 and min ISR 2. */
  int nodes() default 1;
}

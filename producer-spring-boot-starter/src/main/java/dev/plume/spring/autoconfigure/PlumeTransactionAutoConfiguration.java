package dev.plume.spring.autoconfigure;

import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.transaction.PlumeTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

/**
 * Auto-configures {@code plumeTransactionManager}, a {@link PlumeTransactionManager} for {@code
 * plumeProducerTemplate}, when {@code plume.producer.transaction-id-prefix} is set and the
 * application has no transaction manager of its own: {@code @Transactional} methods then run in
 * Kafka transactions.
 *
 * <p>Each named client with its own {@code transaction-id-prefix} gets {@code
 * <name>TransactionManager} ({@link PlumeNamedTransactionManagersRegistrar}), picked with
 * {@code @Transactional("<name>TransactionManager")}; it is never chosen by type, so {@code
 * plumeTransactionManager} (or the application's own manager) stays the default.
 *
 * <p>With another transaction manager (a {@code DataSourceTransactionManager}, a JPA one, ...) this
 * backs off, and template sends inside that manager's transactions run in Kafka transactions
 * committed after it. Ordered after the auto-configurations that define those managers, and before
 * Boot's {@code TransactionAutoConfiguration}, which enables {@code @Transactional} for the single
 * manager there is.
 */
@AutoConfiguration(
    after = PlumeProducerAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
    },
    beforeName = "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration")
@ConditionalOnClass(PlatformTransactionManager.class)
@Import(PlumeNamedTransactionManagersRegistrar.class)
public final class PlumeTransactionAutoConfiguration {

  @Bean
  @ConditionalOnProperty(prefix = "plume.producer", name = "transaction-id-prefix")
  @ConditionalOnMissingBean(TransactionManager.class)
  PlumeTransactionManager plumeTransactionManager(
      @Qualifier("plumeProducerTemplate") ProducerTemplate<?, ?> template) {
    return new PlumeTransactionManager(template);
  }
}

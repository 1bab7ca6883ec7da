package dev.plume.spring.autoconfigure;

import dev.plume.spring.core.ProducerTemplate;
import dev.plume.spring.transaction.PlumeTransactionManager;
import java.util.Map;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers, for each {@code plume.producer.clients.<name>} with a {@code transaction-id-prefix}, a
 * {@link PlumeTransactionManager} bean named {@code <name>TransactionManager} running transactions
 * on that client's template, for {@code @Transactional("<name>TransactionManager")}.
 *
 * <p>Each is registered as a non-default candidate: injection points and {@code @Transactional}
 * without a qualifier never see it, so it neither competes with {@code plumeTransactionManager} nor
 * with the application's own manager (a JDBC or JPA one), which stay the ones picked by type.
 */
class PlumeNamedTransactionManagersRegistrar
    implements ImportBeanDefinitionRegistrar, EnvironmentAware {

  static final String BEAN_NAME_SUFFIX = "TransactionManager";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
    Binder binder = Binder.get(environment);
    Map<String, Object> clients =
        binder
            .bind("plume.producer.clients", Bindable.mapOf(String.class, Object.class))
            .orElse(Map.of());
    for (String name : clients.keySet()) {
      String beanName = name + BEAN_NAME_SUFFIX;
      if (!PlumeTransactionIdPrefixCondition.hasText(
              binder, "plume.producer.clients[" + name + "].transaction-id-prefix")
          || registry.containsBeanDefinition(beanName)) {
        continue;
      }
      RootBeanDefinition manager = new RootBeanDefinition(PlumeTransactionManager.class);
      // A static factory method, not an instance supplier: Spring AOT cannot process a lambda.
      manager.setBeanClass(PlumeNamedTransactionManagersRegistrar.class);
      manager.setFactoryMethodName("namedTransactionManager");
      manager
          .getConstructorArgumentValues()
          .addIndexedArgumentValue(0, new RuntimeBeanReference(name));
      manager.setDefaultCandidate(false);
      registry.registerBeanDefinition(beanName, manager);
    }
  }

  static PlumeTransactionManager namedTransactionManager(ProducerTemplate<?, ?> template) {
    return new PlumeTransactionManager(template);
  }
}

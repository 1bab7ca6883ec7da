package dev.plume.spring.autoconfigure;

import dev.plume.producer.Producer;
import dev.plume.spring.core.ProducerTemplate;
import java.util.Map;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers, for each {@code plume.producer.clients.<name>}, a {@code Producer} bean named {@code
 * <name>Producer} and a {@code ProducerTemplate} bean named {@code <name>} (so
 * {@code @Qualifier("<name>")} selects it). The producers are non-default candidates: injected only
 * where asked for by name ({@code @Qualifier("<name>Producer")}), so the default producer, Plume's
 * or the application's own, stays the one an unqualified {@code Producer} injection point gets.
 * Bean definitions must exist before properties beans are bound, so the names are read here with a
 * {@link Binder}; the instances are built later by {@link PlumeClients} from the bound {@link
 * PlumeProducerProperties}. An application processed by Spring AOT keeps the clients named at build
 * time (like every bean definition there).
 */
class PlumeNamedClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
    // Only the names matter here: binding the values as plain maps needs no conversion, so a
    // client whose values are bad still gets its beans and then fails with a clear message when
    // PlumeProducerProperties is bound.
    Map<String, Object> clients =
        Binder.get(environment)
            .bind("plume.producer.clients", Bindable.mapOf(String.class, Object.class))
            .orElse(Map.of());
    for (String name : clients.keySet()) {
      String producerBean = name + "Producer";
      if (!registry.containsBeanDefinition(producerBean)) {
        RootBeanDefinition producer = factoryMethodBean("namedProducer", name);
        // PlumeProducerLifecycle closes it once, within close-timeout.
        producer.setDestroyMethodName("");
        // Picked by name only: an unqualified Producer injection point (plumeProducerTemplate's,
        // when the application defines its own Producer bean) must not see it as a rival.
        producer.setDefaultCandidate(false);
        registry.registerBeanDefinition(producerBean, producer);
      }
      if (!registry.containsBeanDefinition(name)) {
        RootBeanDefinition template = factoryMethodBean("namedTemplate", name);
        template
            .getConstructorArgumentValues()
            .addIndexedArgumentValue(2, new RuntimeBeanReference(producerBean));
        registry.registerBeanDefinition(name, template);
      }
    }
  }

  /**
   * A bean made by one of the static factory methods below, with {@link PlumeClients} autowired and
   * the client name given. Not an instance supplier: Spring AOT turns factory methods into
   * generated code but cannot process a lambda.
   */
  private static RootBeanDefinition factoryMethodBean(String factoryMethod, String clientName) {
    RootBeanDefinition bean = new RootBeanDefinition(PlumeNamedClientsRegistrar.class);
    bean.setFactoryMethodName(factoryMethod);
    bean.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
    bean.getConstructorArgumentValues().addIndexedArgumentValue(1, clientName);
    return bean;
  }

  static Producer<?, ?> namedProducer(PlumeClients clients, String clientName) {
    return clients.producer(clientName);
  }

  static ProducerTemplate<?, ?> namedTemplate(
      PlumeClients clients, String clientName, Producer<?, ?> producer) {
    return clients.template(clientName, clientName, producer);
  }
}

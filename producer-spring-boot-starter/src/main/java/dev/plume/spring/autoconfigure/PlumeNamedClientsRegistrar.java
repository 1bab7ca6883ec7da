package dev.plume.spring.autoconfigure;

import dev.plume.producer.Producer;
import dev.plume.spring.core.ProducerTemplate;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
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
 * {@code @Qualifier("<name>")} selects it). Bean definitions must exist before properties beans are
 * bound, so the names are read here with a {@link Binder}; the instances are built later by {@link
 * PlumeClients} from the bound {@link PlumeProducerProperties}.
 */
class PlumeNamedClientsRegistrar
    implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

  private Environment environment;
  private BeanFactory beanFactory;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
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
        RootBeanDefinition producer = new RootBeanDefinition(Producer.class);
        producer.setInstanceSupplier(() -> beanFactory.getBean(PlumeClients.class).producer(name));
        // PlumeProducerLifecycle closes it once, within close-timeout.
        producer.setDestroyMethodName("");
        registry.registerBeanDefinition(producerBean, producer);
      }
      if (!registry.containsBeanDefinition(name)) {
        RootBeanDefinition template = new RootBeanDefinition(ProducerTemplate.class);
        template.setInstanceSupplier(
            () ->
                beanFactory
                    .getBean(PlumeClients.class)
                    .template(name, name, beanFactory.getBean(producerBean, Producer.class)));
        registry.registerBeanDefinition(name, template);
      }
    }
  }
}

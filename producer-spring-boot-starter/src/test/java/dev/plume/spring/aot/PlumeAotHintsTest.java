package dev.plume.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

/** The hints Plume contributes to Spring AOT processing, checked with RuntimeHintsPredicates. */
class PlumeAotHintsTest {

  @Test
  void staticHintsCoverCodecProbesLz4ImplementationsAndConfigConstants() {
    RuntimeHints hints = new RuntimeHints();
    new PlumeProducerRuntimeHints().registerHints(hints, getClass().getClassLoader());

    for (String probe : PlumeProducerRuntimeHints.CODEC_PROBE_CLASSES) {
      assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(probe)))
          .as(probe)
          .accepts(hints);
    }
    // lz4-java's LZ4Factory reads INSTANCE from implementations it names as strings.
    assertThat(
            RuntimeHintsPredicates.reflection()
                .onType(TypeReference.of("net.jpountz.lz4.LZ4JavaSafeCompressor"))
                .withMemberCategory(MemberCategory.ACCESS_PUBLIC_FIELDS))
        .accepts(hints);
    assertThat(
            RuntimeHintsPredicates.reflection()
                .onType(TypeReference.of("net.jpountz.xxhash.XXHash32JNI"))
                .withMemberCategory(MemberCategory.ACCESS_PUBLIC_FIELDS))
        .accepts(hints);
    assertThat(
            RuntimeHintsPredicates.resource()
                .forResource("net/jpountz/util/linux/amd64/liblz4-java.so"))
        .accepts(hints);
    assertThat(RuntimeHintsPredicates.resource().forResource("linux/amd64/libzstd-jni-1.5.7-4.so"))
        .accepts(hints);
    for (String config : PlumeProducerRuntimeHints.CONFIG_CONSTANT_CLASSES) {
      assertThat(
              RuntimeHintsPredicates.reflection()
                  .onType(TypeReference.of(config))
                  .withMemberCategory(MemberCategory.ACCESS_PUBLIC_FIELDS))
          .as(config)
          .accepts(hints);
    }
    // PlumeKafkaProducer looks up onAcknowledgement(metadata, exception, headers).
    assertThat(
            RuntimeHintsPredicates.reflection()
                .onType(org.apache.kafka.clients.producer.ProducerInterceptor.class)
                .withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS))
        .accepts(hints);
  }

  @Test
  void pluginClassesNamedInPropertiesGetConstructorHints() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("plume.producer.key-serializer", "com.example.KeySerializer")
            .withProperty(
                "plume.producer.interceptor-classes",
                "com.example.AuditInterceptor, com.example.Tracing")
            .withProperty("plume.producer.properties.partitioner.class", "com.example.Partitioner")
            .withProperty(
                "plume.producer.clients.orders.value-serializer", "com.example.OrderSerializer")
            .withProperty(
                "plume.producer.clients.orders.properties.interceptor.classes",
                "com.example.OrdersInterceptor")
            .withProperty(
                "spring.kafka.producer.value-serializer", "com.example.SpringJsonSerializer")
            .withProperty(
                "spring.kafka.producer.properties.partitioner.class",
                "com.example.SpringPartitioner")
            .withProperty("spring.kafka.properties.interceptor.classes", "com.example.Outer$Inner")
            .withProperty("plume.producer.properties.linger.ms", "com.example.NotAPlugin");
    RuntimeHints hints = contributedHints(environment);

    for (String name :
        new String[] {
          "com.example.KeySerializer",
          "com.example.AuditInterceptor",
          "com.example.Tracing",
          "com.example.Partitioner",
          "com.example.OrderSerializer",
          "com.example.OrdersInterceptor",
          "com.example.SpringJsonSerializer",
          "com.example.SpringPartitioner",
          "com.example.Outer$Inner"
        }) {
      assertThat(
              RuntimeHintsPredicates.reflection()
                  .onType(TypeReference.of(name))
                  .withMemberCategories(
                      MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS,
                      MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
          .as(name)
          .accepts(hints);
    }
    assertThat(
            RuntimeHintsPredicates.reflection().onType(TypeReference.of("com.example.NotAPlugin")))
        .rejects(hints);
  }

  @Test
  void noContributionWithoutPluginClasses() {
    DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
    beanFactory.registerSingleton(
        ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
        new MockEnvironment().withProperty("plume.producer.linger", "5ms"));
    assertThat(new PlumePluginClassesAotProcessor().processAheadOfTime(beanFactory)).isNull();
  }

  @Test
  void registeredInAotFactories() {
    assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class))
        .hasAtLeastOneElementOfType(PlumePluginClassesAotProcessor.class);
    assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
        .hasAtLeastOneElementOfType(PlumeProducerRuntimeHints.class);
  }

  private static RuntimeHints contributedHints(MockEnvironment environment) {
    DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
    beanFactory.registerSingleton(
        ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, environment);
    BeanFactoryInitializationAotContribution contribution =
        new PlumePluginClassesAotProcessor().processAheadOfTime(beanFactory);
    assertThat(contribution).isNotNull();
    DefaultGenerationContext generation =
        new DefaultGenerationContext(
            new ClassNameGenerator(ClassName.get("com.example", "App")),
            new InMemoryGeneratedFiles());
    contribution.applyTo(generation, null);
    return generation.getRuntimeHints();
  }
}

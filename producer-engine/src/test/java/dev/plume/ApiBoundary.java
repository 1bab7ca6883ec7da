package dev.plume;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import dev.plume.engine.PlumeProducer;
import dev.plume.internal.clock.ManualClock;

/**
 * The engine's declared API, for the ArchitectureTests of every module (shipped in the engine's
 * test-fixtures jar). Public: {@code dev.plume.producer..} (configuration, records, errors,
 * serializers, the TLS/SASL settings and SPIs) and {@code dev.plume.engine.PlumeProducer}.
 * Everything else in the engine is internal: other modules must not bind to it, so it can change
 * freely.
 */
public final class ApiBoundary {

  /** Packages of the modules around the engine, which are not engine internals. */
  private static final String[] OTHER_MODULES = {
    "dev.plume.kafka..",
    "dev.plume.spring..",
    "dev.plume.sample..",
    "dev.plume.bench..",
    "dev.plume.broker.."
  };

  /** The engine's public packages. */
  public static final String[] PUBLIC_PACKAGES = {"dev.plume.producer.."};

  /** Engine classes that are not part of the public API. */
  public static final DescribedPredicate<JavaClass> ENGINE_INTERNALS =
      resideInAPackage("dev.plume..")
          .and(not(resideInAnyPackage(PUBLIC_PACKAGES)))
          .and(not(resideInAnyPackage(OTHER_MODULES)))
          // PlumeProducer (and its Builder); this jar's test fixtures, for other modules' tests.
          .and(not(belongToAnyOf(PlumeProducer.class, ApiBoundary.class, ManualClock.class)))
          .as("engine internals (dev.plume.* outside the public API)");

  private ApiBoundary() {}

  /** Outside the engine, only the public API: checked by each module on its own classes. */
  public static ArchRule onlyThePublicApi() {
    return noClasses()
        .should()
        .dependOnClassesThat(ENGINE_INTERNALS)
        .because("only dev.plume.producer.. and PlumeProducer are the engine's API");
  }
}

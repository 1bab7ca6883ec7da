package dev.plume;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.plume.engine.PlumeProducer;
import dev.plume.internal.clock.ManualClock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

  /** Packages whose public classes users see: the public API and {@code PlumeProducer}'s. */
  private static final String[] USER_FACING_PACKAGES = {
    "dev.plume.producer..", "dev.plume.engine.."
  };

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

  /**
   * In the engine: no public or protected constructor, method or field of a public class in {@code
   * dev.plume.producer..} or {@code dev.plume.engine..} names an internal type in its signature
   * (parameters, return type, field type, thrown exceptions, type arguments included), so a user of
   * the API can never be handed or asked for one.
   */
  public static ArchRule publicSignaturesNameNoInternals() {
    return members()
        .that()
        .areDeclaredInClassesThat()
        .resideInAnyPackage(USER_FACING_PACKAGES)
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .should(nameNoInternalTypeIfVisible())
        .allowEmptyShould(true)
        .because("internal types may change freely, so the public API must not expose them");
  }

  private static ArchCondition<JavaMember> nameNoInternalTypeIfVisible() {
    return new ArchCondition<>("name no engine internal in a public or protected signature") {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        Set<JavaModifier> modifiers = member.getModifiers();
        if (!modifiers.contains(JavaModifier.PUBLIC)
            && !modifiers.contains(JavaModifier.PROTECTED)) {
          return;
        }
        for (JavaClass type : signatureTypes(member)) {
          if (ENGINE_INTERNALS.test(type)) {
            events.add(
                SimpleConditionEvent.violated(
                    member,
                    member.getFullName()
                        + " names the internal type "
                        + type.getName()
                        + " in its signature"));
          }
        }
      }
    };
  }

  private static Set<JavaClass> signatureTypes(JavaMember member) {
    List<JavaType> types = new ArrayList<>();
    if (member instanceof JavaField field) {
      types.add(field.getType());
    } else if (member instanceof JavaCodeUnit unit) {
      types.add(unit.getReturnType());
      types.addAll(unit.getParameterTypes());
      types.addAll(unit.getThrowsClause().getTypes());
    }
    Set<JavaClass> raw = new LinkedHashSet<>();
    for (JavaType type : types) {
      raw.addAll(type.getAllInvolvedRawTypes());
    }
    return raw;
  }
}

/**
 * Spring AOT support: hints for the classes the Plume engine, {@code PlumeKafkaProducer} and the
 * starter load by name, so that an application processed ahead of time (and a GraalVM native image
 * built from it) finds them.
 */
package dev.plume.spring.aot;

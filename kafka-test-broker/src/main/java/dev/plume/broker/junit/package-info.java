/** JUnit 5 support: inject a JVM-wide shared Kafka cluster into tests. */
package dev.plume.broker.junit;

/** Starts real Apache Kafka brokers (KRaft) in child JVMs for tests and local development. */
package dev.plume.broker;

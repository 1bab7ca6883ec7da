/** Testcontainers support: {@code @ServiceConnection} for Kafka containers. */
package dev.plume.spring.testcontainers;

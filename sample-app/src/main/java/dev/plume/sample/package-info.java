/** A sample Spring Boot application using the Plume starter with an embedded Kafka broker. */
package dev.plume.sample;

/** A sample Spring Boot application using the Plume starter. */
package dev.plume.sample;

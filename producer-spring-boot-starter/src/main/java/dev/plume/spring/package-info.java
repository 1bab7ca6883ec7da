/** Spring Boot auto-configuration for the Plume producer. */
package dev.plume.spring;

/** Spring Boot auto-configuration of the Plume producer: properties, beans and lifecycle. */
package dev.plume.spring.autoconfigure;

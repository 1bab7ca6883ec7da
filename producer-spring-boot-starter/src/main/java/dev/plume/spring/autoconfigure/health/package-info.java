/** Auto-configuration of the {@code plume} health contributor (needs spring-boot-health). */
package dev.plume.spring.autoconfigure.health;

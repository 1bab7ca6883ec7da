/** Auto-configuration of Plume's Micrometer meters (needs micrometer-core and a MeterRegistry). */
package dev.plume.spring.autoconfigure.metrics;

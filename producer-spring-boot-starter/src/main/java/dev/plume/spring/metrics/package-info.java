/** Micrometer meters for Plume producers and templates. */
package dev.plume.spring.metrics;

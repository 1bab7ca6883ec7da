/**
 * Micrometer Observation of template sends: the context whose carrier is the record's headers
 * (trace propagation), and its naming convention.
 */
package dev.plume.spring.observation;

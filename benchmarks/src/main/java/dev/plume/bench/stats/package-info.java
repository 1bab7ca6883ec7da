/**
 * Measurement primitives shared by the load driver and the perf tool: histogram, CPU/allocation
 * meter.
 */
package dev.plume.bench.stats;

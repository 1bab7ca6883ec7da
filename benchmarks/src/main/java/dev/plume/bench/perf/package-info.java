/** {@code plume-perf}: kafka-producer-perf-test's flags and output, driving Plume's producer. */
package dev.plume.bench.perf;

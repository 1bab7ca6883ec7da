/** JMH benchmarks and the side-by-side load driver. */
package dev.plume.bench;

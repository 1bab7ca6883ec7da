/**
 * The side-by-side load driver: {@link dev.plume.bench.compare.CompareMain} (parent, broker, table)
 * and {@link dev.plume.bench.compare.ClientRun} (one client per child JVM).
 */
package dev.plume.bench.compare;

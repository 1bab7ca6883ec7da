/**
 * {@code bin/plume-longrun}: idempotent and transactional Plume producers on a 3-node cluster
 * behind fault proxies, for runs of minutes with random proxy faults, broker kills and pauses and
 * leader moves, each run checked afterwards by {@link dev.plume.bench.history.HistoryChecker}.
 */
package dev.plume.bench.longrun;

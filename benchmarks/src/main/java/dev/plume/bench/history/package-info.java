/**
 * Send histories and their checker: producers log every send and its outcome ({@link
 * dev.plume.bench.history.HistoryLog}), the official consumer reads the topics back ({@link
 * dev.plume.bench.history.TopicReader}) and {@link dev.plume.bench.history.HistoryChecker} lists
 * what the log and the topics disagree on. {@code benchmarks.jar history-check} runs it from a
 * script.
 */
package dev.plume.bench.history;

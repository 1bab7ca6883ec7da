package dev.plume.internal.accumulator;

import dev.plume.internal.network.Node;
import java.util.List;
import java.util.Set;

/**
 * Which leaders have data to send now (each once; the list is the accumulator's, refilled by its
 * next ready check, so use it before that), how long until the next may, and which topics have
 * queued data but no known leader (their metadata needs a refresh).
 */
public record ReadyCheckResult(
    List<Node> readyNodes, long nextReadyCheckDelayMs, Set<String> unknownLeaderTopics) {}

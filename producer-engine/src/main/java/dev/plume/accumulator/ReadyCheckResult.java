package dev.plume.accumulator;

import dev.plume.network.Node;
import java.util.Set;

/**
 * Which leaders have data to send now, how long until the next may, and which topics have queued
 * data but no known leader (their metadata needs a refresh).
 */
public record ReadyCheckResult(
    Set<Node> readyNodes, long nextReadyCheckDelayMs, Set<String> unknownLeaderTopics) {}

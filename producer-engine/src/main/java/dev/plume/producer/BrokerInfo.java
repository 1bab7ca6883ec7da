package dev.plume.producer;

/**
 * One broker as the producer's metadata knows it.
 *
 * @param rack the broker's rack, or null when it has none
 */
public record BrokerInfo(int id, String host, int port, String rack) {}

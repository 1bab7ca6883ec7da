/**
 * One adapter per client (Plume, kafka-clients) behind {@link
 * dev.plume.bench.client.ClientAdapter}.
 */
package dev.plume.bench.client;

package dev.plume.sample;

/**
 * An order, sent as JSON: the {@code orders} client's {@code value-type} names this record, and as
 * no {@code Serializer<Order>} bean exists the starter serializes it with Boot's JsonMapper.
 */
public record Order(String id, String product, int quantity) {}

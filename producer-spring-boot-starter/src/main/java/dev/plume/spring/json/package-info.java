/**
 * JSON keys and values for the Plume producer with Jackson 3: the serializer the starter uses for
 * key or value types that have no {@code Serializer} bean, and the optional type headers.
 */
package dev.plume.spring.json;

/**
 * Exceptions the producer reports. {@link dev.plume.producer.errors.RetriableException} marks a
 * failure that may succeed if tried again; everything else is final for the record it names.
 */
package dev.plume.producer.errors;

/**
 * Compression codecs for RecordBatch v2 records sections, framed exactly as Kafka brokers expect.
 *
 * <p>{@link dev.plume.internal.compression.CompressionType} and {@link
 * dev.plume.internal.compression.CompressionLevels} never touch a codec library. Each optional
 * library (snappy-java, lz4-java, zstd-jni) is only referenced from its own compressor/decompressor
 * classes, which {@link dev.plume.internal.compression.Codecs} loads after checking that the
 * library is on the classpath.
 */
package dev.plume.internal.compression;
